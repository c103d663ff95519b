package org.vworkbook.vae;

/** How {@link VaeTrainer} gets the gradient of the ELBO. */
public enum EncoderGradient {
    /**
     * The exact gradient of the expected ELBO E_q[log p(x | z)] - KL(q(z | x), p(z)), available here
     * because the decoder is linear-Gaussian (no sampling, no variance).
     */
    ANALYTIC,
    /**
     * The reparameterisation estimator (Kingma and Welling 2014, eq. 10): z = mu + sigma * eps with
     * eps ~ N(0, I), the gradient of log p(x | z) - KL(q(z | x), p(z)) averaged over the draws.
     * Unbiased for the ANALYTIC gradient.
     */
    REPARAMETERISATION;

    /** "analytic" or "reparam" (also the enum names, any case). */
    public static EncoderGradient parse(String name) {
        if (name != null) {
            String n = name.trim().toLowerCase(java.util.Locale.ROOT);
            if (n.equals("analytic")) {
                return ANALYTIC;
            }
            if (n.equals("reparam") || n.equals("reparameterisation") || n.equals("reparameterization")) {
                return REPARAMETERISATION;
            }
        }
        throw new IllegalArgumentException("EncoderGradient name must be \"analytic\" or \"reparam\", got " + name);
    }
}
