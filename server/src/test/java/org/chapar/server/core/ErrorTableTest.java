package org.chapar.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.chapar.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * protocol/README.md is the contract a client author codes against: every error code of the enum is
 * in one of its errors tables, with its number, and the tables name no code that does not exist.
 */
class ErrorTableTest {
    /** A backticked code, optionally followed by its number: {@code `CHAT_NOT_FOUND` (443)}. */
    private static final Pattern CODE = Pattern.compile("`([A-Z][A-Z0-9_]+)`(?:\\s*\\((\\d+)\\))?");

    private static final Pattern NUMBER = Pattern.compile("\\s*(\\d+)\\s*");

    /** A code named in an errors table, and the number written beside it (null: none). */
    private record Row(String code, Integer number) {}

    /** Each code named in the first columns of the errors tables, once per row naming it. */
    private static List<Row> documented() throws IOException {
        Path readme = Path.of(System.getProperty("basedir", ".")).resolve("../protocol/README.md");
        List<Row> codes = new ArrayList<>();
        boolean inErrors = false;
        for (String line : Files.readAllLines(readme)) {
            if (line.startsWith("#")) {
                inErrors = line.replaceFirst("^#+\\s*", "").equals("Errors");
                continue;
            }
            if (!inErrors || !line.startsWith("|") || line.startsWith("|-")) {
                continue;
            }
            List<String> cells = Arrays.asList(line.split("\\|", -1));
            Integer columnNumber = null;
            for (String cell : cells.subList(1, Math.min(3, cells.size()))) {
                Matcher n = NUMBER.matcher(cell);
                if (n.matches()) {
                    columnNumber = Integer.valueOf(n.group(1));
                    continue;
                }
                Matcher m = CODE.matcher(cell);
                boolean named = false;
                while (m.find()) {
                    Integer number =
                            m.group(2) != null ? Integer.valueOf(m.group(2)) : columnNumber;
                    codes.add(new Row(m.group(1), number));
                    named = true;
                }
                if (named) {
                    break; // the cells after the code's own are prose
                }
            }
        }
        return codes;
    }

    @Test
    void everyErrorCodeIsDocumentedWithItsNumberAndNoOtherIs() throws IOException {
        List<Row> rows = documented();
        Set<String> documented =
                rows.stream().map(Row::code).collect(Collectors.toCollection(TreeSet::new));
        Set<String> existing =
                EnumSet.complementOf(EnumSet.of(ErrorCode.UNRECOGNIZED)).stream()
                        .map(ErrorCode::name)
                        .collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(existing);
        missing.remove(ErrorCode.ERROR_CODE_UNSPECIFIED.name());
        missing.removeAll(documented);
        Set<String> unknown = new TreeSet<>(documented);
        unknown.removeAll(existing);

        assertThat(missing).as("codes missing from the README's errors tables").isEmpty();
        assertThat(unknown).as("codes in the README that the enum does not have").isEmpty();
        for (Row row : rows) {
            assertThat(row.number())
                    .as("the number the README gives " + row.code())
                    .isEqualTo(ErrorCode.valueOf(row.code()).getNumber());
        }
    }
}
