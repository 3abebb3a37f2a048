package io.clearance;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A test of server-drawn pages in a fresh headless Chromium ({@link Browser}) per test, with a window tall
 * enough for the auditor's pages and a short implicit wait for elements the page draws after a form posts.
 */
public abstract class BrowserPageFixture {

    protected ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = Browser.open(1280, 1500);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }
}
