package io.clearance.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.BrowserPageFixture;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The auditor's pages in a real browser ({@link Browser}: the system's headless Chromium; skipped with a
 * message where it is not installed).
 */
@QuarkusTest
class AuditPageBrowserTest extends BrowserPageFixture {

    @TestHTTPResource("/audit")
    URL auditPage;

    @Test
    void anAuditorFindsADenialAndSeesTheOwnershipBehindIt() throws Exception {
        AuditFixtures.Group group = AuditFixtures.restrictedGroup();
        AuditFixtures.decideId(group.company(), "publication.read");
        String denied = AuditFixtures.decideId(group.company(), "api.access");

        // The list, filtered through its form as an auditor would.
        browser.get(auditPage.toString());
        browser.findElement(By.name("partyId")).sendKeys(group.company());
        new Select(browser.findElement(By.name("decision"))).selectByVisibleText("DENY");
        browser.findElement(By.cssSelector("form.filters button")).click();
        // The click starts a navigation; read the rows of the filtered page, not the one being left.
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.urlContains("partyId=" + group.company()));
        List<WebElement> rows = browser.findElements(By.cssSelector("#decisions tr.decision-row"));
        assertEquals(1, rows.size(), browser.getPageSource());
        assertTrue(rows.get(0).getText().contains("DENY"));
        assertTrue(rows.get(0).getText().contains(AuditTrailTest.MAJORITY_RULE));

        rows.get(0).findElement(By.cssSelector("a.open")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.urlContains("/audit/decisions/" + denied));
        assertTrue(browser.getCurrentUrl().endsWith("/audit/decisions/" + denied), browser.getCurrentUrl());
        assertEquals("DENY", browser.findElement(By.id("outcome")).getText());
        assertTrue(
                browser.findElement(By.cssSelector(".reason .rule")).getText().contains(AuditTrailTest.MAJORITY_RULE));
        assertTrue(
                browser.findElement(By.cssSelector(".reason .clause")).getText().startsWith("Clause 3.3"));

        WebElement picture = browser.findElement(By.cssSelector(".picture svg"));
        for (String party : List.of(group.seed(), group.holding(), group.company(), group.minor())) {
            assertEquals(
                    1,
                    picture.findElements(By.cssSelector("g.party[data-party='" + party + "']"))
                            .size(),
                    party);
        }
        assertEquals(
                1,
                picture.findElements(By.cssSelector("g.party.seed[data-party='" + group.seed() + "']"))
                        .size());
        List<String> highlighted = picture.findElements(By.cssSelector("line.stake.on-path")).stream()
                .map(e -> e.getAttribute("x1"))
                .toList();
        // both paths add up to the 65%: seed -> holding -> company (60%) and minor -> company (5%)
        assertEquals(3, highlighted.size(), "every edge of the paths behind the finding is drawn in red");
        List<String> percents = picture.findElements(By.cssSelector("text.percent")).stream()
                .map(WebElement::getText)
                .toList();
        assertEquals(List.of("5%", "60%", "60%"), percents.stream().sorted().toList());
        String aggregate = String.join(
                " ",
                picture.findElements(By.cssSelector("text.aggregate")).stream()
                        .map(WebElement::getText)
                        .toList());
        assertTrue(
                aggregate.contains("65%") && aggregate.contains("threshold > 50%") && aggregate.contains("exceeded"),
                aggregate);
        assertTrue(browser.findElement(By.cssSelector("ul.paths")).getText().contains("-60%->"));

        Path shot = Path.of("target", "audit-decision-detail.png");
        Files.createDirectories(shot.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);

        browser.findElement(By.linkText("Policy")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/audit/policy"));
        assertTrue(browser.getPageSource().contains(AuditTrailTest.MAJORITY_RULE));
        assertTrue(browser.findElement(By.tagName("h1")).getText().startsWith("Policy "));
    }
}
