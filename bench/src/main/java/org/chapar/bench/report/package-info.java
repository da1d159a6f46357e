/** Results of a run: the printed table, the JSON file and the PNG charts. */
package org.chapar.bench.report;
