package org.regnet.network.fabric;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Fabric YAML file (core.yaml, orderer.yaml) read from Fabric's own defaults and changed at named
 * paths only, so everything we do not set keeps Fabric's default for this version.
 */
public final class YamlDocument {
  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private final Map<String, Object> root;

  private YamlDocument(Map<String, Object> root) {
    this.root = root;
  }

  public static YamlDocument read(Path file) {
    try {
      return new YamlDocument(
          YAML.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {}));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public static YamlDocument empty() {
    return new YamlDocument(new LinkedHashMap<>());
  }

  /** Sets {@code value} at a dotted path such as {@code peer.tls.cert.file}. */
  @SuppressWarnings("unchecked")
  public YamlDocument set(String dottedPath, Object value) {
    String[] parts = dottedPath.split("\\.");
    Map<String, Object> node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      Object child = node.get(parts[i]);
      if (!(child instanceof Map)) {
        child = new LinkedHashMap<String, Object>();
        node.put(parts[i], child);
      }
      node = (Map<String, Object>) child;
    }
    node.put(parts[parts.length - 1], value instanceof Path p ? p.toString() : value);
    return this;
  }

  public void write(Path file) {
    try {
      Files.createDirectories(file.getParent());
      YAML.writeValue(file.toFile(), root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
