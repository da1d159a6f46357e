package org.chapar.cli;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

import org.chapar.protocol.AdminRights;
import org.chapar.protocol.Restrictions;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
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
     * A point in time as unix seconds: a duration from now ({@code 30m}, {@code 2h}, {@code 7d},
     * {@code 1w}, {@code 45s}), an instant ({@code 2026-12-01T10:00:00Z}), a local date-time
     * ({@code 2026-12-01T10:00}) or a local date (its midnight) in {@code zone}; "never" or "0" is
     * 0.
     */
    static long time(String text, Instant now, ZoneId zone) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("never") || t.equals("0")) {
            return 0;
        }
        Matcher m = RELATIVE.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d =
                    switch (m.group(2)) {
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        case "d" -> Duration.ofDays(n);
                        default -> Duration.ofDays(7 * n);
                    };
            return now.plus(d).getEpochSecond();
        }
        String iso = text.trim();
        try {
            return Instant.parse(iso).getEpochSecond();
        } catch (DateTimeParseException notInstant) {
            // try the local forms
        }
        try {
            return LocalDateTime.parse(iso).atZone(zone).toEpochSecond();
        } catch (DateTimeParseException notLocal) {
            // try a date
        }
        try {
            return LocalDate.parse(iso).atStartOfDay(zone).toEpochSecond();
        } catch (DateTimeParseException e) {
            throw Failures.usage(
                    "cannot read the time '"
                            + text
                            + "'; use 30m, 2h, 7d, 1w, 2026-12-01, 2026-12-01T10:00 or 2026-12-01T10:00:00Z");
        }
    }

    static long time(String text) {
        return time(text, Instant.now(), ZoneId.systemDefault());
    }
}
