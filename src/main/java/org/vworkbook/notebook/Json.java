package org.vworkbook.notebook;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;

/**
 * A minimal JSON writer for results: numbers at full double precision (the shortest decimal that
 * reads back to the same double), arrays, nested objects, booleans and strings. A non-finite
 * double has no JSON form and is written as {@code null}.
 */
public final class Json {
    private Json() {}

    /** The value as JSON text. Supported: null, Number, Boolean, CharSequence, Enum, arrays, Collection, Map, records. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object value, int depth) {
        if (depth > 64) {
            throw new IllegalArgumentException("Json value nested deeper than 64 levels");
        }
        if (value == null) {
            sb.append("null");
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            sb.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (value instanceof Number) {
            sb.append(value.toString());
        } else if (value instanceof Boolean) {
            sb.append(value.toString());
        } else if (value instanceof CharSequence || value instanceof Enum<?> || value instanceof Character) {
            string(sb, value.toString());
        } else if (value instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                string(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                write(sb, e.getValue(), depth + 1);
            }
            sb.append('}');
        } else if (value instanceof Collection<?> list) {
            sb.append('[');
            boolean first = true;
            for (Object o : list) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                write(sb, o, depth + 1);
            }
            sb.append(']');
        } else if (value.getClass().isArray()) {
            sb.append('[');
            int n = Array.getLength(value);
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                write(sb, Array.get(value, i), depth + 1);
            }
            sb.append(']');
        } else if (value.getClass().isRecord()) {
            sb.append('{');
            RecordComponent[] parts = value.getClass().getRecordComponents();
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                string(sb, parts[i].getName());
                sb.append(": ");
                try {
                    java.lang.reflect.Method accessor = parts[i].getAccessor();
                    accessor.trySetAccessible(); // records that are not public (nested, package-private)
                    write(sb, accessor.invoke(value), depth + 1);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read record component " + parts[i].getName(), e);
                }
            }
            sb.append('}');
        } else {
            throw new IllegalArgumentException("Json cannot write a value of type " + value.getClass().getName()
                    + "; use numbers, booleans, strings, arrays, lists, maps or records");
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
