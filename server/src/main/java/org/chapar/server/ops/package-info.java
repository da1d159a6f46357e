/** What an operator reads of a node: {@code /health} for load balancers, {@code /metrics}. */
package org.chapar.server.ops;
