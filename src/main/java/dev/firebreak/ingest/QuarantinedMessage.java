package dev.firebreak.ingest;

import java.time.Instant;
import java.util.Map;

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
 * A message kept in quarantine because it can never be processed.
 */
@Entity
@Table(name = "quarantine")
public class QuarantinedMessage extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "message_id")
    public String messageId;
    @Column(name = "content_key")
    public String contentKey;
    public String transport;
    public String subscription;
    @Column(name = "publish_time")
    public Instant publishTime;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> attributes;
    @Column(name = "reason_code")
    public String reasonCode;
    public String reason;
    public byte[] raw;
    @Column(name = "raw_size")
    public int rawSize;
    @Column(name = "raw_truncated")
    public boolean rawTruncated;
    @Column(name = "received_at")
    public Instant receivedAt;
}
