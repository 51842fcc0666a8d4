/**
 * {@code eyrie demo}: Eyrie on one machine, for real, without Docker.
 *
 * <p>What one run does, in order (each step is undone in reverse order on Ctrl-C / SIGTERM):
 * <ol>
 *   <li>Kafka and Elasticsearch: reused when {@code scripts/kafka.sh status} / {@code scripts/elasticsearch.sh
 *       status} say they run (and then left running), else started with the same scripts (and stopped at the end).
 *       {@code --kafka}, {@code --elasticsearch} (or KAFKA_BOOTSTRAP_SERVERS, ELASTICSEARCH_URL) use other servers,
 *       which the demo never starts or stops; {@code --no-elasticsearch} sends alerts to Kafka only.</li>
 *   <li>Topics created when missing (events, alerts, dead letters, rules, rules status).</li>
 *   <li>{@code rules/*.yaml} ({@code eyrie_rules.yaml} first) validated and published as one ruleset, unless the
 *       newest ruleset on the rules topic has the same content version.</li>
 *   <li>The alert table starts reading the alerts topic (read_committed) from its current end.</li>
 *   <li>One embedded Flink MiniCluster runs the detection job, the correlation job (the sequence rules among the
 *       same files) and the archive job (Iceberg table under {@code .eyrie/warehouse}); {@code --no-correlation},
 *       {@code --no-archive} leave them out. Checkpoints every 2 s make alerts visible quickly.</li>
 *   <li>Events: the edge collector in this JVM (eBPF) when {@code Preflight} allows it; with {@code --capture FILE}
 *       a replay of that file; with {@code --no-collector} nothing (other producers feed the events topic).
 *       Without the privileges for eBPF the demo says why and replays {@code demo-events.avro}, bundled here.</li>
 *   <li>A banner says where alerts are (Kafka topic, Elasticsearch curl) and what to try; then the READY line.</li>
 * </ol>
 * Stopping drains the collector, stops each job with a savepoint (so the last alerts, archive files and consumed
 * offsets are committed; the savepoint is then deleted), closes the MiniCluster and the alert table, and stops the
 * servers this run started. Logs of Flink, the clients and the jobs go to {@code .eyrie/demo/demo.log}.
 *
 * <p>The bundled recording {@code demo-events.avro} (Avro container of {@code dev.eyrie.schema.Event}, ~40 KB) was
 * made on a Debian 12 test machine with {@code ./eyrie demo record -o
 * cli/src/main/resources/dev/eyrie/cli/demo/demo-events.avro}: the collector captured a shell running the steps in
 * {@link dev.eyrie.cli.demo.DemoRecordCommand#SCRIPT} (read /etc/shadow, a reverse-shell command line to a closed
 * local port, a file created and removed below /etc, curl "downloading" a file to a temporary directory and
 * running it, {@code curl | sh} against a closed port, a setuid bit on a temporary file); only that shell's process
 * tree was kept, cut at the shell, and the host identity replaced by {@code demo-recording} / 192.0.2.10. Replayed,
 * it fires seven alerts, one of them the sequence "Eyrie Downloaded File Executed". Re-record it the same way when
 * the event schema or the collector's enrichment changes.
 */
package dev.eyrie.cli.demo;
