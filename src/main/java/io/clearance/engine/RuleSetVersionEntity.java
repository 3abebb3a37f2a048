package io.clearance.engine;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Every rule-set version that ever served, with its files and written policy, so that a logged decision
 * can be replayed under exactly the rules that made it.
 */
@Entity
@Table(name = "rule_set_version")
public class RuleSetVersionEntity extends PanacheEntityBase {

    @Id
    public String version;

    @Column(name = "first_served_at", nullable = false)
    public Instant firstServedAt;

    /** The rule files as a JSON object, file name to content. */
    @Column(name = "sources_json", nullable = false, columnDefinition = "text")
    public String sourcesJson;

    @Column(name = "policy_name", nullable = false)
    public String policyName;

    @Column(name = "policy_content", nullable = false, columnDefinition = "text")
    public String policyContent;
}
