package org.vworkbook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.vworkbook.notebook.Json;

/** Json must write records that are not public and live outside its own package (notebook helpers, models). */
class JsonRecordsFoundationTest {
    record Hidden(double a, String b) {}

    private record Private(int x, Hidden inner) {}

    @Test
    void nonPublicRecordsFromAnotherPackageAreWritten() throws Exception {
        JsonNode node = new ObjectMapper().readTree(Json.write(new Private(3, new Hidden(0.1, "q"))));
        assertEquals(3, node.get("x").intValue());
        assertEquals(0.1, node.get("inner").get("a").doubleValue(), 0);
        assertEquals("q", node.get("inner").get("b").textValue());
    }
}
