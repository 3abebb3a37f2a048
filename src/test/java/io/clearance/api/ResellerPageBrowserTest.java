package io.clearance.api;

import static io.clearance.api.ApiTestSupport.createParty;
import static io.clearance.api.ApiTestSupport.partyBody;
import static io.clearance.api.ApiTestSupport.postDecision;
import static io.clearance.api.ApiTestSupport.putParty;
import static io.clearance.api.ApiTestSupport.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.BrowserPageFixture;
import io.clearance.audit.AuditLog;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The auditor's reseller page in headless Chromium ({@link Browser}): the figures of the report, the
 * held-back customers with their reason, the trend drawn as SVG by the server, and the customers as they
 * stand now, without a line of script.
 */
@QuarkusTest
class ResellerPageBrowserTest extends BrowserPageFixture {

    @TestHTTPResource("/audit/resellers")
    URL pages;

    @Inject
    AuditLog log;

    @Test
    void thePageShowsTheReportAndItsChart() {
        String reseller = unique("reseller");
        Map<String, Object> body = partyBody("Page Reseller", "COMPANY", "US", null);
        body.put("reseller", true);
        putParty(reseller, body).statusCode(201);
        String customer = createParty(unique("cust"), "COMPANY", "US");
        String banned = createParty(unique("banned"), "COMPANY", "IR");
        for (String c : new String[] {customer, banned}) {
            ResellerResourceTest.putCustomer(reseller, c, "{}").statusCode(201);
        }
        decide(reseller, customer);
        decide(reseller, banned);
        decide(reseller, null);
        assertTrue(log.awaitShipped());

        browser.get(pages + "/" + reseller);
        assertEquals(reseller, browser.findElement(By.id("reseller")).getText());
        assertEquals("3", browser.findElement(By.id("decisions")).getText());
        assertEquals("2", browser.findElement(By.id("end-customers")).getText());
        assertEquals("1", browser.findElement(By.id("without-end-customer")).getText());
        WebElement refused = browser.findElement(By.cssSelector("#refused tr.refused"));
        assertTrue(refused.getText().contains(banned) && refused.getText().contains("ban"), refused.getText());
        WebElement chart = browser.findElement(By.cssSelector("#trend svg"));
        assertEquals(1, chart.findElements(By.cssSelector("g.day")).size());
        assertEquals(2, chart.findElements(By.cssSelector("rect")).size(), "permitted and denied");
        assertTrue(chart.getSize().getHeight() > 100, "the chart is drawn");
        String now = browser.findElement(By.id("customers-now")).getText();
        assertTrue(now.contains(customer) && now.contains("api.access PERMIT"), now);
        assertTrue(now.contains(banned) && now.contains("api.access DENY"), now);
    }

    private static void decide(String subject, String onBehalfOf) {
        postDecision(
                        onBehalfOf == null
                                ? Map.of("subject", Map.of("partyId", subject), "action", "api.access")
                                : Map.of(
                                        "subject",
                                        Map.of("partyId", subject),
                                        "action",
                                        "api.access",
                                        "onBehalfOf",
                                        Map.of("partyId", onBehalfOf)))
                .statusCode(200);
    }
}
