package org.regnet.network.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a {@link NetworkDefinition} from YAML, refusing unknown or missing fields. */
public final class NetworkDefinitions {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private NetworkDefinitions() {}

  public static NetworkDefinition load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidDefinitionException("network definition not found: " + file);
    }
    try {
      return YAML.readValue(file.toFile(), NetworkDefinition.class);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new InvalidDefinitionException(file + ": " + cause.getMessage());
    } catch (JacksonException e) {
      throw new InvalidDefinitionException(file + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidDefinitionException(file + ": cannot read: " + e.getMessage());
    }
  }
}
