#ifndef C_REFERENCE_LOOP_H
#define C_REFERENCE_LOOP_H
/// XOR 2-3-1, sigmoid + binary cross-entropy, full batch, mean: `epochs` of plain gradient descent
/// from fixed weights; returns the last epoch's loss.
double c_reference_xor(int epochs);
#endif
