package io.clearance.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.BrowserPageFixture;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The export and verify buttons of the auditor's list page in headless Chromium ({@link
 * Browser}): the export link carries the page's filters, and verify shows the chain's check, all
 * without a line of script.
 */
@QuarkusTest
class AuditExportVerifyBrowserTest extends BrowserPageFixture {

    @TestHTTPResource("/audit")
    URL auditPage;

    @Test
    void theExportButtonWritesWhatTheFilteredListShows() {
        AuditFixtures.Group group = AuditFixtures.restrictedGroup();
        String denied = AuditFixtures.decideId(group.company(), "api.access");
        String other = AuditFixtures.decideId(group.company(), "publication.read");

        browser.get(auditPage + "?partyId=" + group.company() + "&decision=DENY");
        assertEquals(
                1,
                browser.findElements(By.cssSelector("#decisions tr.decision-row"))
                        .size());
        String href = browser.findElement(By.id("export-jsonl")).getAttribute("href");
        assertTrue(href.contains("decision=DENY") && href.contains("partyId=" + group.company()), href);

        List<String> exported = given().get(href)
                .then()
                .statusCode(200)
                .contentType("application/x-ndjson")
                .extract()
                .asString()
                .lines()
                .map(line -> JsonPath.from(line).getString("decisionId"))
                .toList();
        assertEquals(List.of(denied), exported, "the export of " + href + " (not " + other + ")");
        assertTrue(browser.findElement(By.id("export-csv")).getAttribute("href").contains("format=csv"));
    }

    @Test
    void theVerifyButtonShowsTheChainIntact() {
        AuditFixtures.decideId(AuditFixtures.restrictedGroup().company(), "api.access");
        browser.get(auditPage.toString());
        browser.findElement(By.id("verify")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/audit/verify"));
        assertEquals("intact", browser.findElement(By.id("verdict")).getText());
        assertTrue(
                browser.findElements(By.className("chain")).stream()
                        .anyMatch(chain -> chain.getText().equals("decisions")),
                "the page names this instance's chain");
        assertTrue(Long.parseLong(browser.findElement(By.id("checked")).getText()) >= 1);
        assertFalse(browser.getPageSource().contains("<script"), "the pages run no script");

        // The security headers hold for the new page: no script, no inline style.
        String policy =
                given().get("/audit/verify").then().statusCode(200).extract().header("Content-Security-Policy");
        assertTrue(policy.contains("default-src 'none'") && !policy.contains("unsafe-inline"), policy);
    }
}
