package dev.firebreak.incident;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A notification to deliver, written in the same transaction as the change it announces.
 */
@Entity
@Table(name = "outbox")
public class OutboxEntry extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "incident_id")
    public long incidentId;
    @Column(name = "timeline_event_id")
    public Long timelineEventId;
    public String kind;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    public int attempts;
    @Column(name = "delivered_at")
    public Instant deliveredAt;
    @Column(name = "failed_at")
    public Instant failedAt;
    @Column(name = "last_error")
    public String lastError;
}
