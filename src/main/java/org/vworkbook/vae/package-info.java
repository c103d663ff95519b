/** A small variational autoencoder with a linear-Gaussian decoder, trained by reparameterisation gradients. */
package org.vworkbook.vae;
