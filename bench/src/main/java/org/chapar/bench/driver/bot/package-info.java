/**
 * The bot's side of the Bot API benchmarks: HTTP calls to {@code /bot<token>/<method>} with the JDK
 * HttpClient, and a webhook receiver on the JDK's HttpServer.
 */
package org.chapar.bench.driver.bot;
