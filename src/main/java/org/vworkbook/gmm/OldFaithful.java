package org.vworkbook.gmm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Old Faithful geyser data (R's {@code datasets::faithful}: 272 eruptions, eruption time and
 * waiting time to the next eruption, both in minutes), the data of Bishop's PRML Figs. 9.8 and 10.6,
 * read from the CSV shipped in {@code notebooks/data/faithful.csv} (provenance in its README).
 */
public final class OldFaithful {
    /**
     * Where a notebook finds the file: {@code data/faithful.csv} relative to the kernel's working
     * directory, which is the notebooks' folder both under the workbook runner and in JupyterLab.
     */
    public static final Path NOTEBOOK_FILE = Path.of("data", "faithful.csv");

    /** The number of rows of the file. */
    public static final int ROWS = 272;

    private OldFaithful() {}

    /**
     * The raw data in minutes (column 0 eruption time, column 1 waiting time).
     *
     * @throws IllegalArgumentException if the file is missing (the message names the absolute path looked
     *     at), has no header "eruptions","waiting", a malformed row, or not 272 rows
     */
    public static MixtureData read(Path csv) {
        Path absolute = csv.toAbsolutePath().normalize();
        if (!Files.isRegularFile(csv)) {
            throw new IllegalArgumentException("OldFaithful data file not found: " + absolute
                    + " (the notebook reads data/faithful.csv relative to its working directory, the notebooks folder)");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw new UncheckedIOException("OldFaithful could not read " + absolute, e);
        }
        if (lines.isEmpty() || !lines.get(0).replace("\"", "").strip().equals("eruptions,waiting")) {
            throw new IllegalArgumentException("OldFaithful " + absolute + " must start with the header \"eruptions\",\"waiting\"");
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",");
            try {
                if (f.length != 2) {
                    throw new NumberFormatException("expected 2 fields");
                }
                rows.add(new double[] {Double.parseDouble(f[0].strip()), Double.parseDouble(f[1].strip())});
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("OldFaithful " + absolute + " line " + (i + 1) + " is not two numbers: " + line);
            }
        }
        if (rows.size() != ROWS) {
            throw new IllegalArgumentException("OldFaithful " + absolute + " must have " + ROWS + " rows, got " + rows.size());
        }
        return MixtureData.of(rows.toArray(new double[0][]));
    }

    /** The data with each column standardised by its mean and population standard deviation ({@link MixtureData#standardised}). */
    public static MixtureData standardised(Path csv) {
        return read(csv).standardised();
    }
}
