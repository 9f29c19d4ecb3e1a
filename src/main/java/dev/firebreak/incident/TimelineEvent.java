package dev.firebreak.incident;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One append-only entry of an incident's timeline.
 */
@Entity
@Table(name = "timeline_event")
public class TimelineEvent extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "incident_id")
    public long incidentId;
    public Instant at;
    public String type;
    public String actor;
    public String detail;
    @JdbcTypeCode(SqlTypes.JSON)
    public String data;
}
