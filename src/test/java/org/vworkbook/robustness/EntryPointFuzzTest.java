package org.vworkbook.robustness;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * Throws random invalid and extreme-but-valid arguments at every public entry point of the library
 * (public static methods and public constructors of public classes whose parameters are numbers,
 * arrays, matrices, booleans, strings or random sources) and requires that
 *
 * <ul>
 *   <li>the only exception that escapes is an {@link IllegalArgumentException} with a message, and
 *   <li>a normal return never carries a NaN silently (a returned double, array, or any double / double[]
 *       accessor of a returned object).
 * </ul>
 *
 * The arguments come from a fixed seed, so a failure replays. The test prints how many entry points
 * and cases it tried.
 */
class EntryPointFuzzTest {
    private static final long SEED = 20261122L;
    private static final int CASES_PER_ENTRY_POINT = 60;
    /**
     * Packages of internal helpers that the validating factories call after checking (Check is the
     * validator itself; Matrices works on arrays that were already checked).
     */
    private static final Set<String> EXCLUDED_PACKAGES = Set.of("org.vworkbook.util");
    /** Classes whose job is to throw something else on purpose, or to touch the file system. */
    private static final Set<String> EXCLUDED_CLASSES = Set.of(
            "org.vworkbook.notebook.Checks", "org.vworkbook.notebook.Checks$CheckFailed",
            "org.vworkbook.cavi.ElboDecreasedException");
    private static final double[] DOUBLES = {
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1.0, 0.0, 1e-8, 1e8, -1e8, 1.0, 0.5, 2.0, -0.3,
        1e-300, 1e300
    };
    private static final int[] INTS = {-1, 0, 1, 2, 3, 5, 20};

    private final Random random = new Random(SEED);

    @Test
    void everyPublicEntryPointRefusesBadInputWithIllegalArgumentOrReturnsNoNaN() throws Exception {
        List<Executable> entryPoints = new ArrayList<>();
        for (Class<?> c : libraryClasses()) {
            if (!Modifier.isPublic(c.getModifiers()) || EXCLUDED_CLASSES.contains(c.getName())
                    || EXCLUDED_PACKAGES.contains(c.getPackageName())) {
                continue;
            }
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()) && supported(m)
                        && !m.getName().equals("main")) {
                    entryPoints.add(m);
                }
            }
            if (!Modifier.isAbstract(c.getModifiers()) && !Throwable.class.isAssignableFrom(c)) {
                for (Constructor<?> k : c.getConstructors()) {
                    if (supported(k)) {
                        entryPoints.add(k);
                    }
                }
            }
        }
        assertTrue(entryPoints.size() >= 20, "expected the library's entry points, found " + entryPoints.size());
        List<String> problems = new ArrayList<>();
        AtomicLong cases = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        for (Executable e : entryPoints) {
            int before = problems.size();
            for (int k = 0; k < CASES_PER_ENTRY_POINT && problems.size() == before; k++) { // one problem per entry point
                Object[] args = arguments(e.getParameterTypes(), 0, false);
                if (java.util.Arrays.asList(args).contains(MISSING)) {
                    continue;
                }
                cases.incrementAndGet();
                try {
                    Object result = invoke(e, args);
                    String nan = nanIn(result);
                    if (nan != null) {
                        problems.add(name(e) + describe(args) + " returned NaN in " + nan);
                    }
                } catch (InvocationTargetException ite) {
                    Throwable t = ite.getCause();
                    if (t instanceof IllegalArgumentException && t.getMessage() != null && !t.getMessage().isBlank()) {
                        refused.incrementAndGet();
                    } else {
                        problems.add(name(e) + describe(args) + " threw " + t);
                    }
                }
            }
        }
        System.out.printf("EntryPointFuzzTest: %d entry points, %d cases, %d refused with IllegalArgumentException%n",
                entryPoints.size(), cases.get(), refused.get());
        if (!problems.isEmpty()) {
            fail(problems.size() + " entry point(s) with a problem (the first case of each):\n  "
                    + String.join("\n  ", problems));
        }
    }

    private static List<Class<?>> libraryClasses() throws IOException, ClassNotFoundException {
        Path root = Paths.get("target", "classes");
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("org").resolve("vworkbook"))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String rel = root.relativize(p).toString();
                if (rel.endsWith(".class") && !rel.endsWith("package-info.class")) {
                    String name = rel.substring(0, rel.length() - ".class".length()).replace('/', '.').replace('\\', '.');
                    classes.add(Class.forName(name, false, EntryPointFuzzTest.class.getClassLoader()));
                }
            }
        }
        return classes;
    }

    private static boolean supported(Executable e) {
        if (e.getParameterCount() == 0) {
            return false;
        }
        for (Class<?> t : e.getParameterTypes()) {
            if (!(plain(t) || buildable(t, 0))) {
                return false;
            }
        }
        return true;
    }

    private static boolean plain(Class<?> t) {
        return t == double.class || t == int.class || t == long.class || t == boolean.class || t == double[].class
                || t == double[][].class || t == int[].class || t == String.class || t == RandomGenerator.class;
    }

    /** A library value type that has a public static factory taking plain arguments (or such values). */
    private static boolean buildable(Class<?> t, int depth) {
        if (depth > 2 || !t.getName().startsWith("org.vworkbook.") || t.isInterface()) {
            return false;
        }
        for (Method m : t.getDeclaredMethods()) {
            if (factoryOf(t, m) && java.util.Arrays.stream(m.getParameterTypes())
                    .allMatch(p -> plain(p) || buildable(p, depth + 1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean factoryOf(Class<?> t, Method m) {
        return Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()) && m.getReturnType() == t
                && m.getParameterCount() > 0;
    }

    /** A valid instance of a library type, built through its factories from random arguments (retrying refusals). */
    private Object instance(Class<?> t, int depth) {
        List<Method> factories = new ArrayList<>();
        for (Method m : t.getDeclaredMethods()) {
            if (factoryOf(t, m) && java.util.Arrays.stream(m.getParameterTypes())
                    .allMatch(p -> plain(p) || buildable(p, depth + 1))) {
                factories.add(m);
            }
        }
        factories.sort(java.util.Comparator.comparing(Method::toString)); // reflection order is not stable
        for (int attempt = 0; attempt < 200; attempt++) {
            Method m = factories.get(random.nextInt(factories.size()));
            Object[] args = arguments(m.getParameterTypes(), depth + 1, true);
            try {
                return m.invoke(null, args);
            } catch (ReflectiveOperationException | RuntimeException ignored) {
                // refused: try other arguments
            }
        }
        return null;
    }

    private static final Object MISSING = new Object();

    /** Random arguments; {@code tame} keeps them mostly valid (used to build valid library values). */
    private Object[] arguments(Class<?>[] types, int depth, boolean tame) {
        Object[] args = new Object[types.length];
        int length = 1 + random.nextInt(4); // arrays share a length most of the time, sometimes not
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i];
            int n = random.nextInt(5) == 0 ? random.nextInt(5) : length;
            if (t == double.class) {
                args[i] = aDouble();
            } else if (t == int.class) {
                args[i] = INTS[random.nextInt(INTS.length)];
            } else if (t == long.class) {
                args[i] = (long) INTS[random.nextInt(INTS.length)];
            } else if (t == boolean.class) {
                args[i] = random.nextBoolean();
            } else if (t == double[].class) {
                args[i] = random.nextInt(25) == 0 ? null : vector(n);
            } else if (t == int[].class) {
                int[] v = new int[n];
                for (int j = 0; j < n; j++) {
                    v[j] = INTS[random.nextInt(INTS.length)];
                }
                args[i] = v;
            } else if (t == double[][].class) {
                args[i] = random.nextInt(25) == 0 ? null : matrix(n);
            } else if (t == String.class) {
                String[] words = {"", "x", "W4", "reparam", "reinforce", "a b", null};
                args[i] = words[random.nextInt(words.length)];
            } else if (t == RandomGenerator.class) {
                args[i] = new Well19937c(random.nextInt(1000));
            } else {
                Object value = instance(t, depth);
                args[i] = value == null ? MISSING : value;
            }
            if (tame) {
                args[i] = tame(args[i], n);
            }
        }
        return args;
    }

    private Object tame(Object a, int n) {
        if (a instanceof Double) {
            return 0.2 + random.nextDouble() * 2;
        } else if (a instanceof Integer) {
            return 1 + random.nextInt(3);
        } else if (a instanceof Long) {
            return (long) (1 + random.nextInt(3));
        } else if (a instanceof double[] || a == null) {
            double[] v = new double[Math.max(n, 1)];
            for (int j = 0; j < v.length; j++) {
                v[j] = 0.2 + random.nextDouble() * 2;
            }
            return a == null ? null : v;
        } else if (a instanceof double[][] m) {
            int k = m.length == 0 ? 1 : m.length;
            double[][] id = new double[k][k];
            for (int i = 0; i < k; i++) {
                id[i][i] = 0.5 + random.nextDouble();
            }
            return id;
        }
        return a;
    }

    private double aDouble() {
        return random.nextInt(3) == 0 ? random.nextGaussian() * 3 : DOUBLES[random.nextInt(DOUBLES.length)];
    }

    private double[] vector(int n) {
        double[] v = new double[n];
        for (int j = 0; j < n; j++) {
            v[j] = random.nextInt(2) == 0 ? random.nextGaussian() : aDouble();
        }
        return v;
    }

    private double[][] matrix(int n) {
        double[][] m = new double[n][n];
        int kind = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = switch (kind) {
                    case 0 -> i == j ? 1.0 + random.nextDouble() : 0.1 * random.nextGaussian(); // maybe not symmetric
                    case 1 -> i == j ? 1.0 : 0.0;
                    case 2 -> aDouble();
                    default -> random.nextGaussian();
                };
            }
        }
        if (kind == 0 && random.nextBoolean()) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    m[i][j] = m[j][i];
                }
            }
        }
        return m;
    }

    private static Object invoke(Executable e, Object[] args) throws InvocationTargetException, ReflectiveOperationException {
        if (e instanceof Method m) {
            return m.invoke(null, args);
        }
        return ((Constructor<?>) e).newInstance(args);
    }

    /** Where a NaN hides in a result, or null. Looks one level into objects' public accessors. */
    private static String nanIn(Object result) {
        String direct = nanInValue(result);
        if (direct != null || result == null || result.getClass().isArray() || result instanceof Number) {
            return direct;
        }
        for (Method m : result.getClass().getMethods()) {
            if (m.getParameterCount() == 0 && m.getDeclaringClass() != Object.class
                    && (m.getReturnType() == double.class || m.getReturnType() == double[].class)) {
                try {
                    String inner = nanInValue(m.invoke(result));
                    if (inner != null) {
                        return m.getName() + "()" + inner;
                    }
                } catch (ReflectiveOperationException | RuntimeException ignored) {
                    // an accessor that refuses in this state is not a silent NaN
                }
            }
        }
        return null;
    }

    private static String nanInValue(Object v) {
        if (v instanceof Double d && d.isNaN()) {
            return " (the value)";
        }
        if (v instanceof double[] a) {
            for (int i = 0; i < a.length; i++) {
                if (Double.isNaN(a[i])) {
                    return "[" + i + "]";
                }
            }
        }
        if (v instanceof double[][] m) {
            for (int i = 0; i < m.length; i++) {
                for (int j = 0; j < m[i].length; j++) {
                    if (Double.isNaN(m[i][j])) {
                        return "[" + i + "][" + j + "]";
                    }
                }
            }
        }
        return null;
    }

    private static String name(Executable e) {
        return e.getDeclaringClass().getSimpleName() + "." + (e instanceof Constructor ? "<init>" : e.getName());
    }

    private static String describe(Object[] args) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Object a = args[i];
            if (a instanceof double[] v) {
                sb.append(java.util.Arrays.toString(v));
            } else if (a instanceof double[][] m) {
                sb.append(java.util.Arrays.deepToString(m));
            } else if (a instanceof int[] v) {
                sb.append(java.util.Arrays.toString(v));
            } else {
                sb.append(a);
            }
        }
        return sb.append(')').toString();
    }
}
