package io.clearance.registry.io;

import io.clearance.registry.RegistrySink;
import java.io.Closeable;

/** A registry file being written: a sink that writes what it receives; close it to flush. */
public interface RegistryWriter extends RegistrySink, Closeable {}
