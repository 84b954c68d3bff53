import * as tf from '@tensorflow/tfjs';

// Without tfjs-node (which would need a download) tfjs prints advice on first use; PROD silences it.
tf.env().set('PROD', true);
