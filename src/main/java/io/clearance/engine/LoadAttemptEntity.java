package io.clearance.engine;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A load attempt as stored: the history of what was tried, what served and what was refused. */
@Entity
@Table(name = "policy_load_attempt")
public class LoadAttemptEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public Instant at;

    @Column(name = "load_trigger", nullable = false)
    public String trigger;

    @Column(nullable = false)
    public String outcome;

    @Column(nullable = false)
    public String version;

    @Column(name = "rule_count", nullable = false)
    public int ruleCount;

    /** The errors of a rejected attempt, one {@code file:line:column: message} per line. */
    @Column(columnDefinition = "text")
    public String errors;
}
