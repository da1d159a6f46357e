package org.chapar.cli;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

import org.chapar.protocol.AdminRights;
import org.chapar.protocol.Restrictions;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses the option values of the chat commands: lists of admin rights or restrictions (their names
 * are the protocol's field names, so the two cannot drift apart) and points in time.
 */
final class ChatOptions {

    private static final Pattern RELATIVE = Pattern.compile("(\\d+)([smhdw])");

    /**
     * How far ahead an end date may be: the server's rule for until_date and expire_date (see
     * protocol/README.md, "End dates"), checked here so that the command line says so itself.
     */
    static final int MAX_DAYS = 366;

    private static final long MAX_AHEAD = MAX_DAYS * 86_400L;

    private ChatOptions() {}

    /** {@code change_info,post_messages}; "none" or "" is no right (demotes). */
    static AdminRights adminRights(String list) {
        AdminRights.Builder b = AdminRights.newBuilder();
        setAll(b, list, "right");
        return b.build();
    }

    /** {@code send_messages,embed_links}; "none" or "" lifts every restriction. */
    static Restrictions restrictions(String list) {
        Restrictions.Builder b = Restrictions.newBuilder();
        setAll(b, list, "restriction");
        return b.build();
    }

    /** The names of the flags set, in field order. */
    static List<String> names(Message flags) {
        List<String> names = new ArrayList<>();
        for (FieldDescriptor f : flags.getDescriptorForType().getFields()) {
            if (f.getJavaType() == FieldDescriptor.JavaType.BOOLEAN
                    && (Boolean) flags.getField(f)) {
                names.add(f.getName());
            }
        }
        return names;
    }

    static String allNames(Message.Builder b) {
        return b.getDescriptorForType().getFields().stream()
                .map(FieldDescriptor::getName)
                .collect(Collectors.joining(", "));
    }

    private static void setAll(Message.Builder b, String list, String what) {
        String trimmed = list.trim().toLowerCase(Locale.ROOT);
        if (trimmed.isEmpty() || trimmed.equals("none")) {
            return;
        }
        for (String raw : trimmed.split(",")) {
            String name = raw.trim().replace('-', '_');
            if (name.isEmpty()) {
                continue;
            }
            FieldDescriptor f = b.getDescriptorForType().findFieldByName(name);
            if (f == null || f.getJavaType() != FieldDescriptor.JavaType.BOOLEAN) {
                throw Failures.usage(
                        "unknown " + what + " '" + raw.trim() + "'; known: " + allNames(b));
            }
            b.setField(f, true);
        }
    }

    /**
     * An end date as unix seconds: a duration from now ({@code 30m}, {@code 2h}, {@code 7d}, {@code
     * 1w}, {@code 45s}), an instant ({@code 2026-12-01T10:00:00Z}), a local date-time ({@code
     * 2026-12-01T10:00}) or a local date (its midnight) in {@code zone}; "never" or "0" is 0. A
     * time that has passed or is more than {@link #MAX_DAYS} days away is a usage error.
     */
    static long time(String text, Instant now, ZoneId zone) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("never") || t.equals("0")) {
            return 0;
        }
        long at = epochSecond(text, t, now, zone);
        if (at <= now.getEpochSecond()) {
            throw Failures.usage("the time '" + text + "' is not in the future");
        }
        if (at - now.getEpochSecond() > MAX_AHEAD) {
            throw Failures.usage(
                    "the time '"
                            + text
                            + "' is more than "
                            + MAX_DAYS
                            + " days ahead; for no end leave the option out");
        }
        return at;
    }

    private static long epochSecond(String text, String lower, Instant now, ZoneId zone) {
        Matcher m = RELATIVE.matcher(lower);
        if (m.matches()) {
            long unit =
                    switch (m.group(2)) {
                        case "s" -> 1;
                        case "m" -> 60;
                        case "h" -> 3600;
                        case "d" -> 86_400;
                        default -> 7 * 86_400;
                    };
            long n = m.group(1).length() > 18 ? Long.MAX_VALUE : Long.parseLong(m.group(1));
            // a count too big to multiply is far beyond any allowed date: say so, do not overflow
            return n > MAX_AHEAD / unit ? Long.MAX_VALUE : now.getEpochSecond() + n * unit;
        }
        String iso = text.trim();
        try {
            return Instant.parse(iso).getEpochSecond();
        } catch (DateTimeException notInstant) {
            // try the local forms
        }
        try {
            return LocalDateTime.parse(iso).atZone(zone).toEpochSecond();
        } catch (DateTimeException notLocal) {
            // try a date
        }
        try {
            return LocalDate.parse(iso).atStartOfDay(zone).toEpochSecond();
        } catch (DateTimeException e) {
            throw Failures.usage(
                    "cannot read the time '" + text + "'; use " + AdminCommands.TIME_FORMATS);
        }
    }

    static long time(String text) {
        return time(text, Instant.now(), ZoneId.systemDefault());
    }
}
