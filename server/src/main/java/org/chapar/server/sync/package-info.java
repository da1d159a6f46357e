/**
 * Update boxes and sync: the per-user common box (pts), GetState / GetDifference, and the publisher
 * that hands committed events to the bus for live push.
 */
package org.chapar.server.sync;
