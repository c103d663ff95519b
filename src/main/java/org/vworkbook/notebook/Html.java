package org.vworkbook.notebook;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** HTML rendering of values and Tablesaw tables for notebook output. */
public final class Html {
    /** How a value that is not defined (NaN) is shown in tables and text: an em dash. */
    public static final String UNDEFINED = "\u2014";

    private Html() {}

    /** Escapes &, <, >, " for HTML text and attributes. */
    public static String escape(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * A compact human rendering: doubles with 10 significant digits, arrays and maps nested. A
     * missing value (null, as Tablesaw gives for a NaN cell) is shown as {@value #UNDEFINED}.
     */
    public static String format(Object value) {
        if (value == null) {
            return UNDEFINED;
        }
        if (value instanceof Double || value instanceof Float) {
            return number(((Number) value).doubleValue());
        }
        if (value.getClass().isArray()) {
            int n = Array.getLength(value);
            StringBuilder sb = new StringBuilder("[");
            int shown = Math.min(n, 12);
            for (int i = 0; i < shown; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(format(Array.get(value, i)));
            }
            if (n > shown) {
                sb.append(", ... (").append(n).append(" values)");
            }
            return sb.append(']').toString();
        }
        if (value instanceof Collection<?> c) {
            return format(c.toArray());
        }
        if (value instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                sb.append(e.getKey()).append(": ").append(format(e.getValue()));
            }
            return sb.append('}').toString();
        }
        return value.toString();
    }

    /**
     * A double with 10 significant digits, or plain for integers that fit. A value that is not
     * defined (NaN) is shown as a dash, {@value #UNDEFINED}; the notebook says next to the table why.
     */
    public static String number(double d) {
        if (Double.isNaN(d)) {
            return UNDEFINED;
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "\u221e" : "\u2212\u221e";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d) + ".0";
        }
        String s = String.format(java.util.Locale.ROOT, "%.10g", d);
        if (s.contains("e")) {
            return s.replaceAll("0+e", "e").replace(".e", "e");
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** A Tablesaw table as an HTML table, numbers formatted with {@link #number}. */
    public static String table(Table table) {
        StringBuilder sb = new StringBuilder("<table class=\"vwb-table\">");
        if (table.name() != null && !table.name().isBlank()) {
            sb.append("<caption>").append(escape(table.name())).append("</caption>");
        }
        sb.append("<thead><tr>");
        for (Column<?> c : table.columns()) {
            sb.append("<th>").append(escape(c.name())).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        for (int r = 0; r < table.rowCount(); r++) {
            sb.append("<tr>");
            for (Column<?> c : table.columns()) {
                Object v = c.get(r);
                sb.append("<td>").append(escape(format(v))).append("</td>");
            }
            sb.append("</tr>");
        }
        return sb.append("</tbody></table>").toString();
    }
}
