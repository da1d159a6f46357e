/**
 * The Chapar driver: WebSocket client with protobuf frames, session tokens, and the pts bookkeeping
 * of the common update box (apply, skip duplicates, fill gaps with GetDifference).
 */
package org.chapar.bench.driver.chapar;
