package dev.eyrie.testinfra;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test (class or method) needs a real Elasticsearch node. Declare an {@link ElasticsearchServer} parameter to
 * get it, or call {@link RealInfra#elasticsearch()}. See {@link RealInfra} for where it comes from.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RealInfra.class)
public @interface RequiresElasticsearch {}
