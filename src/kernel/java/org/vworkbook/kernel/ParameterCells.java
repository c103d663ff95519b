package org.vworkbook.kernel;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;

/**
 * Reruns a parameters cell as one snippet instead of one per line.
 *
 * <p>JShell compiles every declaration of a cell as a snippet of its own (javac, a class, a
 * load): the 8 lines of W4's parameters cell cost about 160 ms on a loaded 2-core machine, the
 * largest part of a rerun once the other cells are thin. When a cell consists only of lines
 * {@code TYPE name = LITERAL;} (TYPE one of {@value #TYPE_LIST}, comments and blank lines
 * allowed) and every name is already a valid variable of that same type, the kernel runs it as
 * one block of assignments, {@code { name = LITERAL; ... }}: the same values in the same
 * variables, one compilation (about 35 ms). Anything else (a new name, another type, an
 * expression, a literal javac would refuse or read differently) runs as written, so a mistake
 * gets javac's own message. The first run of a parameters cell always runs as written (its
 * variables do not exist yet); so does every cell that is not a parameters cell.
 *
 * <p>The same wrapped handler serves {@link KernelReset}'s requests.
 *
 * <p>The only visible difference: JShell's list of snippets (and the {@code execute_input} the
 * kernel echoes) holds the block instead of the declarations. Like {@link KernelPolling} it
 * reaches into JJava 1.0a8's private structures (the shell loop's channel, the connection's
 * handler of {@code execute_request}), checks each step, and does nothing when something differs.
 */
public final class ParameterCells {
    static final String TYPE_LIST = "double, int, long, boolean, String, double[], int[]";
    private static final Set<String> TYPES = Set.of("double", "int", "long", "boolean", "String", "double[]", "int[]");
    private static final Pattern DECLARATION = Pattern.compile(
            "\\s*(double|int|long|boolean|String)\\s*(\\[\\s*\\])?\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*?)\\s*;\\s*(//.*)?");
    private static final Pattern DOUBLE = Pattern.compile("[+-]?(0|[1-9][0-9]*)(\\.[0-9]*)?([eE][+-]?[0-9]+)?|[+-]?\\.[0-9]+([eE][+-]?[0-9]+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?(0|[1-9][0-9]*)");
    private static final Pattern LONG = Pattern.compile("[+-]?(0|[1-9][0-9]*)[lL]?");
    private static final Pattern STRING = Pattern.compile("\"([^\"\\\\\\r\\n]|\\\\[btnfr\"'\\\\])*\"");
    private static final Pattern ARRAY = Pattern.compile("\\{(.*)\\}");

    private ParameterCells() {}

    /**
     * The cell as one block of assignments to the existing variables {@code types} (name to type
     * name, as JShell spells it), or null when it must run as written.
     */
    static String asAssignments(String code, Map<String, String> types) {
        if (code == null) {
            return null;
        }
        StringBuilder block = new StringBuilder("{");
        int assignments = 0;
        for (String line : code.split("\\R", -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("//")) {
                continue;
            }
            Matcher m = DECLARATION.matcher(line);
            if (!m.matches()) {
                return null;
            }
            String type = m.group(1) + (m.group(2) == null ? "" : "[]");
            String name = m.group(3);
            if (!TYPES.contains(type) || !type.equals(types.get(name))) {
                return null;
            }
            String value = literal(type, m.group(4));
            if (value == null) {
                return null;
            }
            block.append(' ').append(name).append(" = ").append(value).append(';');
            assignments++;
        }
        return assignments == 0 ? null : block.append(" }").toString();
    }

    /** The right-hand side for an assignment to a variable of the type, or null if it is no plain literal of it. */
    static String literal(String type, String text) {
        String t = text.strip();
        switch (type) {
            case "double":
                return DOUBLE.matcher(t).matches() && Double.isFinite(Double.parseDouble(t)) ? t : null;
            case "int":
                return INTEGER.matcher(t).matches() && fitsInt(t) ? t : null;
            case "long":
                return LONG.matcher(t).matches() && fitsLong(t.replaceAll("[lL]$", "")) ? t : null;
            case "boolean":
                return t.equals("true") || t.equals("false") ? t : null;
            case "String":
                return STRING.matcher(t).matches() ? t : null;
            case "double[]":
            case "int[]": {
                Matcher m = ARRAY.matcher(t);
                if (!m.matches()) {
                    return null;
                }
                String inner = m.group(1).strip();
                String element = type.substring(0, type.length() - 2);
                StringBuilder out = new StringBuilder("new " + type + " {");
                if (!inner.isEmpty()) {
                    String[] parts = inner.split(",", -1);
                    for (int i = 0; i < parts.length; i++) {
                        String e = literal(element, parts[i]);
                        if (e == null) {
                            return null;
                        }
                        out.append(i == 0 ? "" : ", ").append(e);
                    }
                }
                return out.append('}').toString();
            }
            default:
                return null;
        }
    }

    private static boolean fitsInt(String t) {
        try {
            Integer.parseInt(t);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean fitsLong(String t) {
        try {
            Long.parseLong(t);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The valid variables of the shell, name to type name. */
    static Map<String, String> variables(JShell shell) {
        Map<String, String> types = new HashMap<>();
        shell.variables().filter(v -> shell.status(v) == Snippet.Status.VALID)
                .forEach((VarSnippet v) -> types.put(v.name(), v.typeName()));
        return types;
    }

    /**
     * Installs the rewrite in the running JJava kernel ({@code kernel()} of the start-up script)
     * once its shell loop exists: a daemon thread looks every 10 ms for up to a minute. Never
     * throws; does nothing if JJava is not as expected.
     */
    public static void installOnceStarted(Object kernel) {
        Thread watcher = new Thread(() -> {
            long deadline = System.nanoTime() + 60_000_000_000L;
            try {
                while (System.nanoTime() < deadline) {
                    if (install(kernel) >= 0) {
                        return;
                    }
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | LinkageError e) {
                // Another JJava: leave it as it is.
            }
        }, "vwb-parameter-cells");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Wraps the execute_request handler of the connection that the kernel's shell loop serves.
     * Returns 1 if it wrapped it, 0 if JJava is not as expected (give up), -1 if the loop is not
     * running yet (try again).
     */
    static int install(Object kernel) {
        try {
            JShell shell = (JShell) kernel.getClass().getMethod("getJShell").invoke(kernel);
            Object connection = null;
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getClass().getName().equals(KernelPolling.LOOP_CLASS) && thread.getName().contains("Shell")) {
                    connection = connectionOf(thread);
                    if (connection != null) {
                        break;
                    }
                }
            }
            if (connection == null) {
                return -1;
            }
            ClassLoader loader = connection.getClass().getClassLoader();
            Object executeRequest = Class.forName("org.dflib.jjava.jupyter.messages.MessageType", false, loader)
                    .getField("EXECUTE_REQUEST").get(null);
            Class<?> handlerType = Class.forName("org.dflib.jjava.jupyter.channels.ShellHandler", false, loader);
            Method getHandler = connection.getClass().getMethod("getHandler", executeRequest.getClass());
            Method setHandler = connection.getClass().getMethod("setHandler", executeRequest.getClass(), handlerType);
            Object original = getHandler.invoke(connection, executeRequest);
            if (original == null) {
                return -1;
            }
            if (Proxy.isProxyClass(original.getClass()) && Proxy.getInvocationHandler(original) instanceof Rewrite) {
                return 1;
            }
            Object wrapped = Proxy.newProxyInstance(loader, new Class<?>[] {handlerType}, new Rewrite(original, shell, kernel, KernelReset.baseline(shell)));
            setHandler.invoke(connection, executeRequest, wrapped);
            return 1;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return 0;
        }
    }

    /** Loop thread -> its body (unwrapping KernelPolling's) -> the channel's runnable -> ShellChannel.connection. */
    private static Object connectionOf(Thread loop) throws ReflectiveOperationException {
        Field bodyField = loop.getClass().getDeclaredField(KernelPolling.BODY_FIELD);
        bodyField.setAccessible(true);
        Object body = bodyField.get(loop);
        if (body instanceof KernelPolling.Quick quick) {
            body = quick.original();
        }
        if (!(body instanceof LongSupplier)) {
            return null;
        }
        for (Object captured : captured(body)) {
            if (captured instanceof Runnable) {
                for (Object c : captured(captured)) {
                    if (c != null && c.getClass().getName().equals("org.dflib.jjava.jupyter.channels.ShellChannel")) {
                        Field f = c.getClass().getDeclaredField("connection");
                        f.setAccessible(true);
                        return f.get(c);
                    }
                }
            }
        }
        return null;
    }

    /** The values a lambda captured (its instance fields). */
    private static Object[] captured(Object lambda) throws IllegalAccessException {
        Field[] fields = lambda.getClass().getDeclaredFields();
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            if (java.lang.reflect.Modifier.isStatic(fields[i].getModifiers())) {
                continue;
            }
            fields[i].setAccessible(true);
            values[i] = fields[i].get(lambda);
        }
        return values;
    }

    /** The wrapped handler: rewrites the request's code when {@link #asAssignments} allows, then hands it on. */
    private static final class Rewrite implements InvocationHandler {
        private final Object original;
        private final JShell shell;
        private final Object kernel;
        private final Set<Snippet> baseline;

        Rewrite(Object original, JShell shell, Object kernel, Set<Snippet> baseline) {
            this.original = original;
            this.shell = shell;
            this.kernel = kernel;
            this.baseline = baseline;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(original, args);
            }
            if (method.getName().equals("handle") && args != null && args.length == 2 && args[1] != null) {
                try {
                    Object content = args[1].getClass().getMethod("getContent").invoke(args[1]);
                    if (content != null && content.getClass().getName().equals("org.dflib.jjava.jupyter.messages.request.ExecuteRequest")) {
                        String code = (String) content.getClass().getMethod("getCode").invoke(content);
                        String block = KernelReset.REQUEST.equals(code) ? KernelReset.reset(shell, kernel, baseline)
                                : code != null && code.contains("=") ? asAssignments(code, variables(shell)) : null;
                        if (block != null) {
                            Field f = content.getClass().getDeclaredField("code");
                            f.setAccessible(true);
                            f.set(content, block);
                        }
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // run the cell as written
                }
            }
            try {
                return method.invoke(original, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
