package io.clearance.engine;

import io.clearance.policy.PolicyDocument;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.base.util.Drools;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.jboss.logging.Logger;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Rule sets compiled before, kept in a folder by the hash of everything that made them, so that a restart
 * reloads the compiled packages (a fraction of a second) instead of verifying and compiling the rule files
 * again (the largest part of a start).
 *
 * <p>The key is a SHA-256 over the rule files, the written policy, the Drools version, the Java version and
 * the application build (its jar, or its classes folder): a change of any of them misses, and the rule set
 * is verified and compiled as it would be without a cache. An entry carries the SHA-256 of its content; an
 * entry that is truncated, altered, unreadable or whose rules are not the ones the files name is deleted
 * and ignored, and the rule set compiles as without a cache. A cache never decides what serves: only
 * whether the same rule set is compiled again.
 *
 * <p>An entry holds compiled code (the rules' consequences as class files), so the folder is trusted like
 * the application's own files: it lives in the instance's data folder, never in the shared database.
 */
public final class CompiledRuleCache {

    private static final Logger LOG = Logger.getLogger(CompiledRuleCache.class);
    private static final byte[] MAGIC = "clearance-kbase-1".getBytes(StandardCharsets.US_ASCII);
    private static final String SUFFIX = ".kbase";
    // Enough for the serving version, the one before it and a few rollbacks; older entries are deleted.
    static final int ENTRIES_KEPT = 8;

    /** No cache: every rule set compiles (the command line, tests of the compiler). */
    public static final CompiledRuleCache NONE = new CompiledRuleCache(null);

    private final Path folder;
    private final AtomicInteger hits = new AtomicInteger();

    private CompiledRuleCache(Path folder) {
        this.folder = folder;
    }

    /** A cache in {@code folder}, created when first written; none when the build cannot be fingerprinted. */
    public static CompiledRuleCache in(Path folder) {
        if (BuildFingerprint.VALUE == null) {
            LOG.warnf("compiled rule sets are not cached: the application build cannot be fingerprinted");
            return NONE;
        }
        return new CompiledRuleCache(folder);
    }

    /** The key an entry for these files and this policy has under this build. */
    static String key(List<RuleSource> sources, PolicyDocument policy) {
        MessageDigest digest = sha256();
        update(digest, "clearance compiled rule set");
        update(digest, Drools.getFullVersion());
        update(digest, Runtime.version().toString());
        update(digest, BuildFingerprint.VALUE);
        for (RuleSource source : sources) {
            update(digest, source.name());
            update(digest, source.content());
        }
        update(digest, policy.name());
        update(digest, policy.content());
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The compiled rule set of these files, when an intact entry holds exactly the rules {@code ruleNames};
     * empty otherwise (a bad entry is deleted).
     */
    Optional<KieBase> load(List<RuleSource> sources, PolicyDocument policy, Set<String> ruleNames, ClassLoader loader) {
        if (folder == null) {
            return Optional.empty();
        }
        Path entry = folder.resolve(key(sources, policy) + SUFFIX);
        if (!Files.isRegularFile(entry)) {
            return Optional.empty();
        }
        try {
            Collection<KiePackage> packages = readPackages(Files.readAllBytes(entry), loader);
            InternalKnowledgeBase base = KnowledgeBaseFactory.newKnowledgeBase(
                    KieServices.Factory.get().newKieBaseConfiguration(null, loader));
            base.addPackages(packages);
            Set<String> cached = base.getKiePackages().stream()
                    .flatMap(p -> p.getRules().stream())
                    .map(Rule::getName)
                    .collect(Collectors.toSet());
            if (!cached.equals(ruleNames)) {
                throw new IOException("it holds other rules than the files name");
            }
            hits.incrementAndGet();
            LOG.infof("reloaded the compiled rule set from %s instead of compiling it", entry);
            return Optional.of(base);
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            LOG.warnf("ignoring the compiled rule-set entry %s (%s); compiling the rule files", entry, e.toString());
            deleteQuietly(entry);
            return Optional.empty();
        }
    }

    /** How many rule sets were reloaded rather than compiled. */
    int hits() {
        return hits.get();
    }

    /** Keeps the compiled packages of a rule set that verified and compiled without error. */
    void store(List<RuleSource> sources, PolicyDocument policy, KieBase base) {
        if (folder == null) {
            return;
        }
        Path entry = folder.resolve(key(sources, policy) + SUFFIX);
        try {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new DroolsObjectOutputStream(payload)) {
                out.writeObject(new ArrayList<>(base.getKiePackages()));
            }
            byte[] content = payload.toByteArray();
            Files.createDirectories(folder);
            Path partial = Files.createTempFile(folder, "entry", ".partial");
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(partial))) {
                out.write(MAGIC);
                out.write(sha256().digest(content));
                out.writeInt(content.length);
                out.write(content);
            }
            // A reader sees the whole entry or none: a crash mid-write leaves only a .partial file behind.
            try {
                Files.move(partial, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, entry, StandardCopyOption.REPLACE_EXISTING);
            }
            prune();
        } catch (IOException | RuntimeException e) {
            // Only the next start's speed depends on it.
            LOG.warnf("could not keep the compiled rule set in %s: %s", folder, e.toString());
        }
    }

    private static Collection<KiePackage> readPackages(byte[] entry, ClassLoader loader)
            throws IOException, ClassNotFoundException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(entry));
        byte[] magic = in.readNBytes(MAGIC.length);
        byte[] expected = in.readNBytes(32);
        if (!MessageDigest.isEqual(magic, MAGIC) || expected.length != 32) {
            throw new IOException("not a compiled rule-set entry");
        }
        int length = in.readInt();
        byte[] content = in.readNBytes(length);
        if (length < 0 || content.length != length || in.read() != -1) {
            throw new IOException("the entry has another length than it says");
        }
        if (!MessageDigest.isEqual(expected, sha256().digest(content))) {
            throw new IOException("the entry's content does not match its SHA-256");
        }
        try (ObjectInputStream objects = new DroolsObjectInputStream(new ByteArrayInputStream(content), loader)) {
            List<KiePackage> packages = new ArrayList<>();
            for (Object element : (Collection<?>) objects.readObject()) {
                packages.add((KiePackage) element);
            }
            return packages;
        }
    }

    private void prune() throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            List<Path> newestFirst = entries.filter(
                            p -> p.getFileName().toString().endsWith(SUFFIX))
                    .sorted(Comparator.comparing(CompiledRuleCache::modified).reversed())
                    .toList();
            newestFirst.stream().skip(ENTRIES_KEPT).forEach(CompiledRuleCache::deleteQuietly);
        }
    }

    private static long modified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.debugf("could not delete %s: %s", path, e);
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * A fingerprint of the application's code (its jar, or every file of its classes folder): a rebuilt
     * application may check or compile rules differently, so it never reads an older build's entries. Null
     * when the code's location is not a readable file or folder.
     */
    static final class BuildFingerprint {

        static final String VALUE = compute();

        private BuildFingerprint() {}

        private static String compute() {
            try {
                CodeSource source = RuleSetCompiler.class.getProtectionDomain().getCodeSource();
                if (source == null || source.getLocation() == null) {
                    return null;
                }
                return of(Path.of(source.getLocation().toURI()));
            } catch (IOException | URISyntaxException | RuntimeException e) {
                LOG.debugf("no build fingerprint: %s", e);
                return null;
            }
        }

        /**
         * For a jar, the SHA-256 of its central directory's name, CRC-32 and size of every entry, rather than of
         * its bytes: the directory is read without inflating anything, where hashing the whole jar was a
         * measurable part of a restart (before the JIT compiles SHA-256, the interpreter runs it). A class whose
         * bytes change changes its CRC-32; a CRC collision would need a deliberate forgery of a file of the build,
         * which is trusted anyway. For a folder (tests, dev mode), every file's name and bytes.
         */
        static String of(Path location) throws IOException {
            MessageDigest digest = sha256();
            if (Files.isRegularFile(location)) {
                try (ZipFile jar = new ZipFile(location.toFile())) {
                    for (Enumeration<? extends ZipEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                        ZipEntry entry = entries.nextElement();
                        update(digest, entry.getName());
                        update(digest, entry.getCrc() + " " + entry.getSize());
                    }
                }
            } else if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        update(digest, location.relativize(file).toString());
                        hashFile(digest, file);
                    }
                }
            } else {
                return null;
            }
            return HexFormat.of().formatHex(digest.digest());
        }

        private static void hashFile(MessageDigest digest, Path file) throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                }
            }
        }
    }
}
