package dev.falkor.orm.spi.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falkor.orm.api.InvalidParameterException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exact text the encoder produces. Server round trips are in the transport contract. */
class ParameterEncoderTest {

    private static String render(Object value) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("p", value);
        return ParameterEncoder.render("RETURN $p", p);
    }

    @Test
    void scalars() {
        assertEquals("RETURN 1", ParameterEncoder.render("RETURN 1", Map.of()));
        assertEquals("CYPHER p=null RETURN $p", render(null));
        assertEquals("CYPHER p=true RETURN $p", render(true));
        assertEquals("CYPHER p=-9223372036854775808 RETURN $p", render(Long.MIN_VALUE));
        assertEquals("CYPHER p=0.30000000000000004 RETURN $p", render(0.1 + 0.2));
        assertEquals("CYPHER p=1.0E-5 RETURN $p", render(1e-5));
        assertEquals("CYPHER p=-0.0 RETURN $p", render(-0.0));
        assertEquals("CYPHER p=\"x\" RETURN $p", render('x'));
    }

    @Test
    void stringsEscapeOnlyBackslashAndQuote() {
        assertEquals("CYPHER p=\"a\\\"b\\\\c'd\nе\" RETURN $p", render("a\"b\\c'd\nе"));
        assertEquals("CYPHER p=\"\\\\\\\"\" RETURN $p", render("\\\""));
    }

    @Test
    void nestedCollections() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a b", List.of(1, 2));
        m.put("n", null);
        assertEquals("CYPHER p=[1,[\"x\",{`a b`:[1,2],n:null}],[1.5,2.5]] RETURN $p",
                render(Arrays.asList(1, Arrays.asList("x", m), new double[] {1.5, 2.5})));
    }

    @Test
    void rejectionsNameTheParameterPath() {
        assertEquals("p[1]", assertThrows(InvalidParameterException.class,
                () -> render(List.of(1.0, Double.NaN))).parameter());
        assertEquals("p.k", assertThrows(InvalidParameterException.class,
                () -> render(Map.of("k", "a\0"))).parameter());
        InvalidParameterException big = assertThrows(InvalidParameterException.class,
                () -> render(java.math.BigInteger.ONE.shiftLeft(64)));
        assertTrue(big.getMessage().contains("64 bits"));
        assertThrows(InvalidParameterException.class, () -> render(new StringBuilder("sb")));
        assertThrows(InvalidParameterException.class, () -> render(Map.of(1, 2)));
        assertThrows(InvalidParameterException.class, () -> render("\uDC00"));
        assertThrows(InvalidParameterException.class, () -> ParameterEncoder.render("RETURN 1", Map.of("1x", 1)));
    }

    @Test
    void utf8RenderingIsTheTextEncoded() {
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(40);
            for (int k = 0; k < n; k++) {
                int cp;
                do {
                    cp = switch (random.nextInt(4)) {
                        case 0 -> 1 + random.nextInt(0x7F);
                        case 1 -> 0x80 + random.nextInt(0x780);
                        case 2 -> 0x800 + random.nextInt(0xF800);
                        default -> 0x10000 + random.nextInt(0xFFFFF);
                    };
                } while (cp >= 0xD800 && cp <= 0xDFFF);
                sb.appendCodePoint(cp);
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("s", sb.toString());
            p.put("l", random.nextLong());
            p.put("m", Long.MIN_VALUE);
            p.put("d", Double.longBitsToDouble(random.nextLong() & 0x7FEFFFFFFFFFFFFFL));
            p.put("list", List.of(sb.toString(), 0L, -7L, Map.of("k", sb.toString())));
            String cypher = "RETURN $s, $l // é 😀";
            assertEquals(ParameterEncoder.render(cypher, p),
                    new String(ParameterEncoder.renderUtf8(cypher, p), java.nio.charset.StandardCharsets.UTF_8));
            assertTrue(Arrays.equals(ParameterEncoder.render(cypher, p).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    ParameterEncoder.renderUtf8(cypher, p)));
        }
        assertEquals("RETURN 1", new String(ParameterEncoder.renderUtf8("RETURN 1", Map.of())));
    }
}
