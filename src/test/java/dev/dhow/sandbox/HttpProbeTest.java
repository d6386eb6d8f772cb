package dev.dhow.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpProbeTest {

    @Test
    void readsTheStatusHeadersAndBodyOfAnAnswer() throws IOException {
        byte[] raw = "HTTP/1.1 301 Moved Permanently\r\nLocation: https://a.example/x\r\nServer: Caddy\r\n\r\nmoved"
                .getBytes(StandardCharsets.ISO_8859_1);

        HttpProbe.Response response = HttpProbe.parse(raw, null);

        assertEquals(301, response.status());
        assertEquals("https://a.example/x", response.header("location"));
        assertEquals("moved", response.body());
        assertNull(response.issuer());
    }

    @Test
    void refusesWhatIsNotHttp() {
        assertThrows(IOException.class, () -> HttpProbe.parse("SSH-2.0-OpenSSH\r\n".getBytes(StandardCharsets.US_ASCII), null));
        assertThrows(IOException.class, () -> HttpProbe.parse(new byte[0], null));
    }
}
