package io.trailhunt.enrichment.geoip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * What identifies one version of a file without reading it: its inode (where the file system has
 * one), modification time and size. {@code geoipupdate} writes a new file and renames it over the
 * old one, which changes the inode even when time and size happen to match.
 */
record FileSignature(Object fileKey, FileTime modified, long size) {

    static FileSignature of(Path path) throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        return new FileSignature(a.fileKey(), a.lastModifiedTime(), a.size());
    }

    @Override
    public String toString() {
        return "modified " + modified + ", " + size + " bytes" + (fileKey == null ? "" : ", " + Objects.toString(fileKey));
    }
}
