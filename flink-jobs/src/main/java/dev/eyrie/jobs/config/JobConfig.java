package dev.eyrie.jobs.config;

import java.io.Serializable;

/**
 * Everything a job needs, resolved once on the client and shipped (serialized) with the job graph.
 * {@code bounded}: read the input topics only up to their end at job start, then finish (benchmarks, one-off
 * runs); normally false. {@code parallelism} is 1 unless set; {@code parallelismExplicit} says whether it was set, since
 * on a cluster the deployment's parallelism (FlinkDeployment {@code job.parallelism}) applies otherwise.
 */
public record JobConfig(
    String jobName,
    int parallelism,
    boolean parallelismExplicit,
    boolean bounded,
    KafkaSettings kafka,
    TopicSettings topics,
    ElasticsearchSettings elasticsearch,
    CheckpointSettings checkpoints,
    WatermarkSettings watermarks,
    RulesSettings rules,
    FaultSettings fault) implements Serializable {

  /** Reads every setting (defaults for the missing ones) and fails on keys nobody reads. */
  public static JobConfig from(Settings s, String defaultJobName) {
    String jobName = s.string("job.name", defaultJobName);
    JobConfig c = new JobConfig(
        jobName,
        s.integer("job.parallelism", 1),
        s.isExplicit("job.parallelism"),
        s.bool("job.bounded", false),
        KafkaSettings.from(s, jobName),
        TopicSettings.from(s),
        ElasticsearchSettings.from(s),
        CheckpointSettings.from(s),
        WatermarkSettings.from(s),
        RulesSettings.from(s),
        FaultSettings.from(s));
    s.rejectUnknown();
    if (c.parallelism < 1) {
      throw new IllegalArgumentException("job.parallelism must be >= 1, is " + c.parallelism + " (" + s.origin() + ")");
    }
    return c;
  }
}
