package io.clearance.playground;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clearance.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The playground in a real browser (the system's headless Chromium and chromedriver, as the audit page test):
 * an author edits a rule file and a scenario, runs them against the scenario's parties and the live registry,
 * and sees decisions, advice and fired rules, while what serves stays untouched.
 */
@QuarkusTest
class PlaygroundBrowserTest {

    @TestHTTPResource("/policy/playground")
    URL page;

    private ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = Browser.open(1400, 1600);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anAuthorRunsAnEditedRuleAndAScenarioWithoutActivatingAnything() throws Exception {
        String serving = given().get("/v1/policy").then().extract().path("version");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(page.toString());
        new Select(browser.findElement(By.id("file-select"))).selectByVisibleText("ownership.drl");
        wait.until(d -> d.findElement(By.id("rules")).getDomProperty("value").contains(".above(\"50\")"));

        // The published policy on the sample scenario: exactly 50% permitted with advice, one millionth more denied.
        browser.findElement(By.id("run")).click();
        List<WebElement> cases = waitForCases(wait, 2);
        assertEquals(
                "PERMIT",
                cases.get(0).findElement(By.cssSelector(".badge.decision")).getText());
        assertEquals(
                "enhanced-due-diligence",
                cases.get(0).findElement(By.cssSelector(".advice-code")).getText());
        assertTrue(cases.get(0).getAttribute("class").contains("passed"));
        assertTrue(cases.get(0)
                .findElement(By.cssSelector("ul.fired"))
                .getText()
                .contains("advised for enhanced due diligence"));
        assertEquals(
                "DENY",
                cases.get(1).findElement(By.cssSelector(".badge.decision")).getText());

        // An edit: exactly 50% now restricts. The first case no longer meets its expectation, and says why.
        WebElement rules = browser.findElement(By.id("rules"));
        browser.executeScript(
                "arguments[0].value = arguments[0].value.replace('.above(\"50\")', '.atLeast(\"50\")')", rules);
        browser.findElement(By.id("run")).click();
        wait.until(d -> d.findElement(By.id("results")).getText().contains("expected decision PERMIT, got DENY"));
        cases = browser.findElements(By.cssSelector("#results section.case"));
        assertEquals(
                "DENY",
                cases.get(0).findElement(By.cssSelector(".badge.decision")).getText());
        assertTrue(cases.get(0).getAttribute("class").contains("failed"));
        assertTrue(browser.findElement(By.id("status")).getText().contains("serving " + serving + " untouched"));
        assertEquals(serving, given().get("/v1/policy").then().extract().path("version"), "nothing activated");

        // Against the live registry: a party created over the API, decided under the edited rules.
        String id = "pg-" + UUID.randomUUID().toString().substring(0, 8);
        party(id + "-cn", "CN");
        party(id, "US");
        given().contentType(ContentType.JSON)
                .body(Map.of("percent", 50))
                .put("/v1/parties/" + id + "/owners/" + id + "-cn")
                .then()
                .statusCode(201);
        WebElement scenario = browser.findElement(By.id("scenario"));
        browser.executeScript(
                "arguments[0].value = arguments[1]",
                scenario,
                "cases:\n  - name: the live party\n    request: {subject: " + id + ", action: api.access}\n");
        new Select(browser.findElement(By.id("registry"))).selectByValue("live");
        browser.findElement(By.id("run")).click();
        wait.until(d -> d.findElement(By.id("results")).getText().contains("the live party"));
        cases = browser.findElements(By.cssSelector("#results section.case"));
        assertEquals(1, cases.size());
        assertEquals(
                "DENY",
                cases.get(0).findElement(By.cssSelector(".badge.decision")).getText());
        assertTrue(cases.get(0)
                .findElement(By.cssSelector(".reason .message"))
                .getText()
                .contains(id));

        // A rule file that does not compile shows every error with its position.
        browser.executeScript(
                "arguments[0].value = arguments[0].value.replace('exceeded == true)', 'exceeded == true')", rules);
        browser.findElement(By.id("run")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#errors li.compile-error")));
        assertTrue(browser.findElement(By.cssSelector("#errors li.compile-error"))
                .getText()
                .startsWith("ownership.drl:"));

        Path shot = Path.of("target", "policy-playground.png");
        Files.createDirectories(shot.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
    }

    private List<WebElement> waitForCases(WebDriverWait wait, int count) {
        wait.until(d -> d.findElements(By.cssSelector("#results section.case")).size() == count);
        return browser.findElements(By.cssSelector("#results section.case"));
    }

    private static void party(String id, String country) {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", id, "kind", "COMPANY", "country", country))
                .put("/v1/parties/" + id)
                .then()
                .statusCode(201);
    }
}
