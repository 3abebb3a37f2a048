package io.clearance;

import java.io.File;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The headless browser of the browser tests: the system's Chromium driven by the system's chromedriver
 * (Selenium Manager never runs, so nothing is downloaded). Where either is missing, the test is skipped
 * with a message saying what to install, not failed.
 */
public final class Browser {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private Browser() {}

    /** A fresh headless Chromium with a window of this size; {@link ChromeDriver#quit()} it after the test. */
    public static ChromeDriver open(int width, int height) {
        Assumptions.assumeTrue(
                new File(CHROMIUM).canExecute(),
                "no Chromium at " + CHROMIUM + " (apt-get install chromium chromium-driver): browser test skipped");
        Assumptions.assumeTrue(
                new File(CHROMEDRIVER).canExecute(),
                "no chromedriver at " + CHROMEDRIVER + " (apt-get install chromium-driver): browser test skipped");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(width, height));
        return browser;
    }
}
