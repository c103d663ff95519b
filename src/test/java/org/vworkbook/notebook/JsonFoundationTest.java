package org.vworkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vworkbook.FoundationAssertions.assertRefused;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class JsonFoundationTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode parse(Object value) throws Exception {
        return MAPPER.readTree(Json.write(value));
    }

    @Test
    void doublesRoundTripAtFullPrecision() throws Exception {
        List<Double> values = new ArrayList<>(List.of(0.1, 1.0 / 3, -2.0 / 7, Math.PI, 1e-300, -1e300, Double.MIN_VALUE,
                Double.MAX_VALUE, Double.MIN_NORMAL, 0.0, 1.0, 123456789.123456789, 1e21, 1e-7));
        Well19937c random = new Well19937c(8);
        for (int i = 0; i < 1000; i++) {
            values.add(Double.longBitsToDouble(random.nextLong()));
            values.add(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
        }
        values.removeIf(v -> !Double.isFinite(v));
        double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
        JsonNode node = parse(array);
        assertEquals(array.length, node.size());
        for (int i = 0; i < array.length; i++) {
            assertEquals(array[i], node.get(i).doubleValue(), 0, "value " + i);
            assertEquals(Double.doubleToLongBits(array[i]), Double.doubleToLongBits(node.get(i).doubleValue()));
        }
        assertEquals(-0.0, parse(-0.0).doubleValue(), 0);
        assertEquals((double) 0.1f, parse(0.1f).doubleValue(), 0);
    }

    @Test
    void nonFiniteNumbersBecomeNull() throws Exception {
        JsonNode node = parse(new double[] {Double.NaN, 1, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
        assertTrue(node.get(0).isNull());
        assertEquals(1.0, node.get(1).doubleValue(), 0);
        assertTrue(node.get(2).isNull());
        assertTrue(node.get(3).isNull());
        assertTrue(parse(Float.NaN).isNull());
        assertTrue(parse(null).isNull());
    }

    record Inner(String name, double[] values) {}

    record Outer(int count, Inner inner, List<Inner> list, boolean flag) {}

    enum Colour { RED }

    @Test
    void nestedMapsArraysListsAndRecords() throws Exception {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("matrix", new double[][] {{1, 2}, {3.5, Double.NaN}});
        map.put("ints", new int[] {1, -2, 3});
        map.put("long", 1L << 60);
        map.put("record", new Outer(3, new Inner("a", new double[] {0.25}), List.of(new Inner("b", new double[0])), true));
        map.put("enum", Colour.RED);
        map.put("char", 'x');
        map.put("nested", Map.of("k", List.of(1, "two", false)));
        map.put("empty", new LinkedHashMap<>());
        JsonNode node = parse(map);
        assertEquals(3.5, node.get("matrix").get(1).get(0).doubleValue(), 0);
        assertTrue(node.get("matrix").get(1).get(1).isNull());
        assertEquals(-2, node.get("ints").get(1).intValue());
        assertEquals(1L << 60, node.get("long").longValue());
        assertEquals(3, node.get("record").get("count").intValue());
        assertEquals("a", node.get("record").get("inner").get("name").textValue());
        assertEquals(0.25, node.get("record").get("inner").get("values").get(0).doubleValue(), 0);
        assertEquals(0, node.get("record").get("list").get(0).get("values").size());
        assertTrue(node.get("record").get("flag").booleanValue());
        assertEquals("RED", node.get("enum").textValue());
        assertEquals("x", node.get("char").textValue());
        assertEquals("two", node.get("nested").get("k").get(1).textValue());
        assertTrue(node.get("nested").get("k").get(2).isBoolean());
        assertEquals(0, node.get("empty").size());
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("matrix", "ints", "long", "record", "enum", "char", "nested", "empty"), keys);
    }

    @Test
    void stringsAreEscaped() throws Exception {
        String nasty = "quote \" backslash \\ newline \n return \r tab \t bell \u0007 nul \u0000 e\u0301 \u00e9 \uD83D\uDE00 </script>";
        assertEquals(nasty, parse(nasty).textValue());
        assertEquals("v", parse(Map.of(nasty, "v")).get(nasty).textValue());
    }

    @Test
    void unsupportedValuesAndDeepNestingAreRefused() {
        assertRefused(() -> Json.write(new Object()), "Json cannot write a value of type java.lang.Object");
        Object deep = 1.0;
        for (int i = 0; i < 70; i++) {
            deep = List.of(deep);
        }
        Object tooDeep = deep;
        assertRefused(() -> Json.write(tooDeep), "Json", "64");
    }
}
