package io.clearance.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.registry.ImportConfig;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Registry files larger than the 1 MiB every other route takes, uploaded to {@code POST /v1/registry/imports}:
 * one of a few MiB is spooled and imported; over {@code clearance.import.max-body-size} it is 413; a caller without
 * a registrar's role is refused before a byte is spooled; an upload that stalls, breaks off or cannot be written
 * leaves no spool file and no job; and the other routes keep their 1 MiB limit.
 */
@QuarkusTest
@TestProfile(ImportUploadProfile.class)
class ImportUploadTest {

    private static final Path SPOOL = Path.of(ImportUploadProfile.SPOOL);
    private static final String CSV_HEAD = "\"LEI\",\"Entity.LegalName\",\"Entity.HeadquartersAddress.Country\"\n";

    @Inject
    DataSource dataSource;

    @Inject
    ImportConfig config;

    private final List<Socket> sockets = new ArrayList<>();
    private Path generated;

    @BeforeEach
    void emptySpool() throws IOException {
        Files.createDirectories(SPOOL);
        assertEquals(List.of(), spooled(), "a spool file left by an earlier test");
    }

    @AfterEach
    void closeEverything() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (generated != null) {
            Files.deleteIfExists(generated);
        }
    }

    @Test
    void aFileOfSeveralMebibytesIsSpooledAndImported() throws Exception {
        LargeImportFile file = largeFile(3L * 1024 * 1024);
        io.restassured.response.Response accepted = given().header(
                        "Authorization", "Bearer " + ImportUploadProfile.ADMIN_KEY)
                .contentType("text/csv")
                .body(file.file().toFile())
                .when()
                .post(ImportResource.PATH + "?format=" + LargeImportFile.FORMAT);
        assertEquals(202, accepted.statusCode(), accepted.asString());
        String id = accepted.path("id");
        assertEquals(ImportResource.PATH + "/" + id, accepted.header("Location"));
        JsonPath job = finished(id);
        assertEquals("succeeded", job.getString("status"), job.prettify());
        assertEquals(file.records(), job.getInt("report.recordsRead"));
        assertEquals(Files.size(file.file()), job.getLong("bytesTotal"), "the whole body was spooled");
        asAdmin().when().get("/v1/parties/" + file.firstLei()).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> spooled().isEmpty());
    }

    @Test
    void overTheImportLimitIsRefusedWhetherItsLengthIsSaidOrNot() throws Exception {
        int jobs = jobCount();
        // Content-Length over the limit: refused on the head, no byte of the body read.
        Socket said = upload(ImportUploadProfile.ADMIN_KEY, "Content-Length: " + (ImportUploadProfile.MAX_BYTES + 1));
        String answer = answer(said);
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("\"body-too-large\"") && answer.contains("clearance.import.max-body-size"), answer);
        // Chunked: counted as it comes, refused once past the limit.
        Socket chunked = upload(ImportUploadProfile.ADMIN_KEY, "Transfer-Encoding: chunked");
        Thread sender = sendInBackground(chunked, ImportUploadProfile.MAX_BYTES + 1024 * 1024, true);
        answer = answer(chunked);
        sender.join(30_000);
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("clearance.import.max-body-size"), answer);
        await().atMost(Duration.ofSeconds(30)).until(() -> spooled().isEmpty());
        assertEquals(jobs, jobCount());
    }

    @Test
    void withoutARegistrarsRoleNothingIsSpooled() throws Exception {
        int jobs = jobCount();
        String gateway = (String) asAdmin()
                .body(Map.of("name", "upload-gateway", "roles", List.of("gateway")))
                .when()
                .post("/v1/admin/api-keys")
                .then()
                .statusCode(201)
                .extract()
                .path("key");
        for (String key : new String[] {null, "clr_not-a-key-0123456789abcdef0123456789abcd", gateway}) {
            Socket socket = upload(key, "Content-Length: " + 3 * 1024 * 1024);
            // The first MiB is sent as the head is answered: the answer must not wait for it, nor spool it.
            Thread sender = sendInBackground(socket, 1024 * 1024, false);
            String answer = answer(socket);
            sender.join(30_000);
            assertTrue(answer.startsWith(key == gateway ? "HTTP/1.1 403" : "HTTP/1.1 401"), key + ": " + answer);
            assertTrue(answer.contains("application/problem+json"), answer);
            assertEquals(List.of(), spooled(), "spooled for " + key);
        }
        assertEquals(jobs, jobCount());
    }

    @Test
    void aClientThatGoesAwayMidUploadLeavesNoSpoolFileAndNoJob() throws Exception {
        int jobs = jobCount();
        Socket socket = upload(ImportUploadProfile.ADMIN_KEY, "Content-Length: " + 3 * 1024 * 1024);
        OutputStream out = socket.getOutputStream();
        out.write(CSV_HEAD.getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[1024 * 1024]);
        out.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> !spooled().isEmpty());
        socket.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> spooled().isEmpty());
        assertEquals(jobs, jobCount());
    }

    @Test
    void aStalledUploadIsCutOffWithAProblem() throws Exception {
        int jobs = jobCount();
        Socket socket = upload(ImportUploadProfile.ADMIN_KEY, "Content-Length: " + 3 * 1024 * 1024);
        socket.getOutputStream().write(CSV_HEAD.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String answer = answer(socket);
        assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
        assertTrue(
                answer.contains("\"body-timeout\"") && answer.contains("clearance.import.body-stall-timeout"), answer);
        await().atMost(Duration.ofSeconds(30)).until(() -> spooled().isEmpty());
        assertEquals(jobs, jobCount());
    }

    @Test
    void aSpoolThatCannotBeWrittenIsAProblemAndNoJob() throws Exception {
        // Opened for reading only, the spool file refuses every write, as a full disk would.
        QuarkusMock.installMockForType(
                new SpoolFiles(config) {
                    @Override
                    Future<AsyncFile> open(Vertx vertx, String file) {
                        return vertx.fileSystem()
                                .open(file, new OpenOptions().setRead(true).setWrite(false));
                    }
                },
                SpoolFiles.class);
        int jobs = jobCount();
        LargeImportFile file = largeFile(2L * 1024 * 1024);
        given().header("Authorization", "Bearer " + ImportUploadProfile.ADMIN_KEY)
                .contentType("text/csv")
                .body(file.file().toFile())
                .when()
                .post(ImportResource.PATH + "?format=" + LargeImportFile.FORMAT)
                .then()
                .statusCode(507)
                .contentType(ApiTestSupport.PROBLEM_JSON)
                .body("code", org.hamcrest.Matchers.equalTo("import-spool-failed"));
        await().atMost(Duration.ofSeconds(30)).until(() -> spooled().isEmpty());
        assertEquals(jobs, jobCount());
    }

    @Test
    void everyOtherRouteKeepsItsOneMebibyteLimit() {
        String big =
                "{\"subject\": {\"partyId\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}, \"action\": \"api.access\"}";
        asAdmin()
                .body(big)
                .when()
                .post("/v1/decisions")
                .then()
                .statusCode(413)
                .body("code", org.hamcrest.Matchers.equalTo("body-too-large"));
    }

    private LargeImportFile largeFile(long bytes) throws IOException {
        generated = Files.createTempFile("import-upload-", ".csv");
        String tag = UUID.randomUUID().toString().replaceAll("[^a-z]", "") + "abcd";
        return LargeImportFile.write(generated, bytes, tag.substring(0, 4));
    }

    private static io.restassured.specification.RequestSpecification asAdmin() {
        return given().header("Authorization", "Bearer " + ImportUploadProfile.ADMIN_KEY)
                .contentType(ContentType.JSON);
    }

    private JsonPath finished(String id) {
        JsonPath[] job = new JsonPath[1];
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    job[0] = asAdmin()
                            .when()
                            .get(ImportResource.PATH + "/" + id)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
                    String status = job[0].getString("status");
                    return status.equals("succeeded") || status.equals("failed");
                });
        return job[0];
    }

    private static List<Path> spooled() throws IOException {
        try (Stream<Path> files = Files.list(SPOOL)) {
            return files.toList();
        }
    }

    private int jobCount() throws Exception {
        try (Connection connection = dataSource.getConnection();
                ResultSet rows = connection.createStatement().executeQuery("select count(*) from import_job")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Opens a connection and sends the head of an upload, with {@code key} as the credential if any. */
    private Socket upload(String key, String length) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.connect(new InetSocketAddress("localhost", RestAssured.port), 10_000);
        socket.setSoTimeout(30_000);
        socket.getOutputStream()
                .write(("POST " + ImportResource.PATH + "?format=" + LargeImportFile.FORMAT + " HTTP/1.1\r\n"
                                + "Host: localhost\r\nContent-Type: text/csv\r\n"
                                + (key == null ? "" : "Authorization: Bearer " + key + "\r\n")
                                + length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Sends {@code bytes} of CSV on a thread of its own, stopping quietly when the server hangs up. */
    private static Thread sendInBackground(Socket socket, long bytes, boolean chunked) {
        Thread thread = new Thread(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                byte[] line = "\"5493001KJTIIGC8Y1R12\",\"Filler\",\"DE\"\n"
                        .repeat(1000)
                        .getBytes(StandardCharsets.US_ASCII);
                for (long sent = 0; sent < bytes; sent += line.length) {
                    if (chunked) {
                        out.write((Integer.toHexString(line.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(line);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                }
                out.flush();
            } catch (IOException e) {
                // The server answered and closed: what the test reads on the other side.
            }
        });
        thread.start();
        return thread;
    }

    /** The answer's head and body, up to the server closing or the body's length. */
    private static String answer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                read.write(buffer, 0, n);
                String text = read.toString(StandardCharsets.UTF_8);
                int end = text.indexOf("\r\n\r\n");
                int length = text.toLowerCase().indexOf("content-length: ");
                if (end > 0 && length > 0 && length < end) {
                    int value = Integer.parseInt(text.substring(length + 16, text.indexOf("\r\n", length))
                            .strip());
                    if (read.size() >= end + 4 + value) {
                        break;
                    }
                }
            }
        } catch (IOException e) {
            // A reset after the answer: what was read is the answer.
        }
        return read.toString(StandardCharsets.UTF_8);
    }
}
