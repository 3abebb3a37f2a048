package io.clearance.release;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A release as stored; the newest row names the version a restart serves. */
@Entity
@Table(name = "policy_activation")
public class ActivationEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String version;

    @Column(name = "activated_at", nullable = false)
    public Instant activatedAt;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public String how;

    @Column(columnDefinition = "text")
    public String message;

    @Column(nullable = false)
    public boolean forced;

    @Column(name = "force_reason", columnDefinition = "text")
    public String forceReason;

    @Column(name = "tests_passed")
    public Integer testsPassed;

    @Column(name = "tests_failed")
    public Integer testsFailed;

    @Column(name = "tests_uncovered")
    public Integer testsUncovered;

    /** Failing cases and uncovered rules, one per line. */
    @Column(name = "test_failures", columnDefinition = "text")
    public String testFailures;

    @Column(name = "previous_version")
    public String previousVersion;
}
