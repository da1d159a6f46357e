package org.chapar.server.bot;

import java.net.IDN;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where the operator lets webhooks point, and how long a delivery may take
 * (docs/adr/0021-bot-webhooks.md). By default any host the operator did not deny, except addresses
 * inside the operator's own network (loopback, private, link-local, carrier NAT, unique local
 * IPv6): a bot's owner must not make the server call its neighbours. A host in {@code allowedHosts}
 * (which, when not empty, is the only list of hosts allowed) may be private, and {@code
 * privateAddresses} allows them all (a test, or a deployment whose bots run beside it).
 *
 * @param allowedHosts hosts (and their subdomains) webhooks may point at; empty: any
 * @param deniedHosts hosts (and their subdomains) webhooks may never point at
 * @param privateAddresses whether hosts that resolve inside the operator's network are allowed
 * @param requestTimeout how long one delivery may take, connecting included
 * @param maxInFlight deliveries under way at once across every bot of the node
 */
public record WebhookRules(
        Set<String> allowedHosts,
        Set<String> deniedHosts,
        boolean privateAddresses,
        Duration requestTimeout,
        int maxInFlight) {
    public WebhookRules {
        allowedHosts = normalized(allowedHosts);
        deniedHosts = normalized(deniedHosts);
    }

    public static WebhookRules defaults() {
        return new WebhookRules(Set.of(), Set.of(), false, Duration.ofSeconds(30), 64);
    }

    /**
     * The defaults, changed by {@code chapar.webhooks.allowHosts} and {@code denyHosts} (lists
     * separated by commas) and {@code chapar.webhooks.privateAddresses=true}.
     */
    public static WebhookRules fromSystemProperties() {
        WebhookRules d = defaults();
        return new WebhookRules(
                hosts(System.getProperty("chapar.webhooks.allowHosts", "")),
                hosts(System.getProperty("chapar.webhooks.denyHosts", "")),
                Boolean.getBoolean("chapar.webhooks.privateAddresses"),
                d.requestTimeout,
                d.maxInFlight);
    }

    /** These rules with every private address allowed (or not). */
    public WebhookRules withPrivateAddresses(boolean allowed) {
        return new WebhookRules(allowedHosts, deniedHosts, allowed, requestTimeout, maxInFlight);
    }

    /**
     * The URL a bot gave to setWebhook, checked: http or https, a host, the operator's lists. No
     * lookup is made here ({@link #resolve} does it, off the event loop).
     */
    URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw BotError.badRequest("invalid webhook URL specified");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")
                || uri.getHost() == null
                || uri.getHost().isEmpty()
                || uri.getRawUserInfo() != null
                || url.length() > 2048) {
            throw BotError.badRequest("invalid webhook URL specified");
        }
        String host = host(uri);
        if (matches(deniedHosts, host) || !allowedHosts.isEmpty() && !matches(allowedHosts, host)) {
            throw badWebhook("host " + host + " is not allowed by this server");
        }
        return uri;
    }

    /**
     * Resolves the URL's host and refuses it if any address it has lies inside the operator's
     * network and the rules do not allow that. Blocks on DNS: never call it on an event loop.
     */
    void resolve(URI uri) {
        String host = host(uri);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw badWebhook("Failed to resolve host: Name or service not known");
        }
        if (privateAddresses || matches(allowedHosts, host)) {
            return;
        }
        for (InetAddress a : addresses) {
            if (isPrivate(a)) {
                throw badWebhook("IP address " + a.getHostAddress() + " is reserved");
            }
        }
    }

    static boolean isPrivate(InetAddress a) {
        if (a.isLoopbackAddress()
                || a.isAnyLocalAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
        }
        return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64 // carrier NAT 100.64.0.0/10
                || (b[0] & 0xff) == 0; // "this network" 0.0.0.0/8
    }

    private static BotError badWebhook(String what) {
        return BotError.badRequest("bad webhook: " + what);
    }

    private static String host(URI uri) {
        String h = uri.getHost();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return IDN.toASCII(h).toLowerCase(Locale.ROOT);
    }

    private static boolean matches(Set<String> hosts, String host) {
        for (String h : hosts) {
            if (host.equals(h) || host.endsWith("." + h)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> hosts(String list) {
        return Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }

    private static Set<String> normalized(Set<String> hosts) {
        return hosts.stream()
                .map(h -> IDN.toASCII(h.trim()).toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }
}
