#ifndef C_REFERENCE_LOOP_H
#define C_REFERENCE_LOOP_H
/// XOR 2-3-1, sigmoid + binary cross-entropy, full batch, mean: `epochs` of plain gradient descent
/// from fixed weights; returns the last epoch's loss.
double c_reference_xor(int epochs);

/// The wide net 2-16-16-1 (tanh, tanh, sigmoid + binary cross-entropy, mean over each batch):
/// `epochs` of plain gradient descent on `samples` points `x` (2 per sample) with targets `y`,
/// in batches of `batch_size`, updating the row-major weights and biases in place; returns the
/// last epoch's loss (the mean of each sample's loss as its batch was processed).
double c_reference_wide(int epochs, int batch_size, int samples, const double *x, const double *y,
                        double *w1, double *b1, double *w2, double *b2, double *w3, double *b3, double eta);
#endif
