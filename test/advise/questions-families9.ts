/**
 * The fourth questions session (branch q9), written by hand, not in any other set.
 *
 * FAMILIES_9: FINAL_6's eight misses fixed as families. For each miss, 4-5 new wordings of the same
 * family (different words; the FINAL_6 line itself is not repeated here), scored before and after the
 * fix: the fix is a general reading, not the FINAL_6 line. Asserted at 100% (questions-users.test.ts).
 *
 * PROBE_9: about two questions per knowledge entry in the styles users type (chat speak, typos,
 * non-native English, pasted Keras/PyTorch log lines with a question, numbers read off curves,
 * settings questions, Spanish/French/German), written BEFORE looking at how the code reads them and
 * scored untuned FIRST, on the hand-over code (q8, c558d64): 112 of 126 (88.9%) -- the first 86 (plain
 * styles) 85 of 86 (98.8%), the last 40 (written harder: curves described indirectly, values with epochs
 * and words between them, a baseline's error, matplotlib's colours, curves in other languages) 27 of 40
 * (67.5%); the code after FINAL_6's fixes (a568483) 114 of 126 (90.5%). Its misses' families were then
 * fixed in general (PROBE_9_FAMILIES, below); it reads 100% after. Labels were not changed after scoring.
 *
 * FAMILIES_9 before the fixes: 14 of 36 (38.9%); PROBE_9_FAMILIES before its fixes: 12 of 35 (34.3%).
 */
import type { Phrasing } from './questions-users.js';
import {
  OVER,
  UNDER,
  HIVAR,
  UNSTABLE,
  GOOD,
  NA,
  NAN,
  DIVERGE,
  SPIKE,
  STILL,
  PLATEAU,
  VALBELOW,
  LEAK,
  CHANCE,
  NOISYVAL,
  NOVAL,
  RUNS,
  STOPPED,
  T,
  LR,
} from './question-ids.js';

export const FAMILIES_9: Phrasing[] = [
  // a slow creeping fall with validation alongside: learning too little (not overfitting, not a good fit)
  ['train loss drops by like 0.001 per epoch, 0.85 0.849 0.848 0.847, val loss right beside it', [UNDER, PLATEAU]],
  ['loss crawls down super slowly from 1.3 to 1.25 over 80 epochs, val follows the same', [UNDER, PLATEAU]],
  ['both curves decrease very very slowly, tiny improvement each epoch for 200 epochs', [UNDER, PLATEAU]],
  ['val_loss: 0.912 0.910 0.909 0.907 0.906, loss about the same, is this just slow learning?', [UNDER, PLATEAU]],
  ['the loss barely goes down, 0.45 to 0.43 in 50 epochs, train and val overlap', [UNDER, PLATEAU]],
  // a second "Epoch 1/N" in one log: several runs
  ['my output shows Epoch 1/50 ... Epoch 50/50 and after that Epoch 1/50 again', [RUNS, T('multi_run')]],
  ['Epoch 30/30 - loss: 0.21 Epoch 1/30 - loss: 0.95 why does it start over in my log', [RUNS, T('multi_run')]],
  ['the printout counts epochs to 10 and then begins at epoch 1 a second time', [RUNS, T('multi_run')]],
  [
    'pasted log: Epoch 1/5 ... Epoch 5/5, Epoch 1/5 ... Epoch 5/5, Epoch 1/5 ..., i looped over 3 batch sizes',
    [RUNS, T('multi_run')],
  ],
  // a history of one or two epochs, said in words: too short to judge
  ['my history only has a single row: loss 0.5 val_loss 0.52, is that fine', [NA]],
  ["there's only 1 epoch in the log, loss=0.31 val=0.35, what can you tell", [NA]],
  ['history has 2 entries, loss 0.6 then 0.5, val 0.62 then 0.55. good?', [NA]],
  ['just one line in history.csv: epoch 0, loss 0.44, val_loss 0.47', [NA]],
  ['the log contains a single epoch, accuracy 0.81 val accuracy 0.79, overfitting?', [NA]],
  // the training loss turning up for good (no recovery): diverging, not a spike
  ['training loss went down the first 10 epochs, after that it keeps going up and up', [DIVERGE]],
  ['my train loss turned around at epoch 3 and has been increasing ever since', [DIVERGE]],
  ['loss decreased at first and then rose continuously until the end of training', [DIVERGE]],
  ['train loss bottomed at epoch 8, climbs every epoch after, no recovery', [DIVERGE]],
  ['the training loss starts rising at epoch 12 and does not come back down', [DIVERGE]],
  // still falling at the last planned epoch (N/N): still improving
  ['at epoch 50/50 both losses are still decreasing and close', [STILL, GOOD]],
  ['last epoch 200/200 val loss still dropping, train also, small gap', [STILL, GOOD]],
  ['val_loss keeps falling right up to the final epoch, train too', [STILL, GOOD]],
  ['it was still improving on the very last epoch (30/30), should I train longer', [STILL, T('epochs')]],
  ['epoch 80 of 80 and the val loss is still going down, the difference to train is tiny', [STILL, GOOD]],
  // a spiky validation curve next to a smooth training curve: noisy validation
  ['the val curve has lots of spikes but train is smooth', [NOISYVAL]],
  ['validation loss is spiky, training loss nice and smooth', [NOISYVAL]],
  ['green line (validation) full of peaks, red one (training) clean', [NOISYVAL]],
  ['my val accuracy has spikes everywhere, train acc is a smooth curve', [NOISYVAL]],
  // fewer history entries than epochs planned: the run stopped early
  ["set epochs=200 but len(history.history['loss']) is 41", [STOPPED, T('early_stopping')]],
  ['history only contains 37 epochs though I asked for 150', [STOPPED, T('early_stopping')]],
  ['why are there only 12 rows in my csv log when epochs was 80', [STOPPED, T('early_stopping')]],
  ['i expected 50 epochs of history but got 18', [STOPPED, T('early_stopping')]],
  // two curves that fell and flattened together: a good fit (converged), not a plateau to fix
  ['loss and val loss both went from 1.1 down to 0.09 and 0.1 and flattened over the last 15 epochs', [GOOD]],
  ['acc and val_acc both climbed to 0.95 and 0.94 then stayed flat, nice and smooth', [GOOD]],
  ['loss and val_loss came down together from 2.0 to 0.3, then leveled out side by side', [GOOD]],
  ['train and val loss fell together and are both flat for the last 10 epochs, about 0.05 each', [GOOD]],
];

export const PROBE_9: Phrasing[] = [
  // ---- patterns
  ['yo my val loss goes up after ep 15 but train keeps going down, wat do', [OVER]],
  [
    'Epoch 10/40 - loss: 0.2210 - val_loss: 0.3012\nEpoch 25/40 - loss: 0.0814 - val_loss: 0.4420\nEpoch 40/40 - loss: 0.0302 - val_loss: 0.6108\nis this overfiting?',
    [OVER],
  ],
  ['pourquoi ma val_loss remonte alors que la loss continue de baisser ?', [OVER]],
  ['both train and val mse sit around 0.9 and hardly move, model not learning much?', [UNDER, PLATEAU]],
  ['my model is underfiting i think, train acc 55% val acc 54% after 100 epochs on a 3 class problem', [UNDER, CHANCE]],
  ['el modelo no aprende, la perdida de entrenamiento y validacion se quedan altas', [UNDER]],
  ['train loss 0.01 val loss 0.4 and val jumps up and down every epoch, which problem is it', [HIVAR, OVER, NOISYVAL]],
  ['huge gap training vs validation accuracy (99 vs 72), val bounces a lot', [HIVAR, OVER]],
  ['loss goes 0.8 1.4 0.6 1.9 0.7 2.2 no trend at all', [UNSTABLE, LR]],
  ['my training is super unstable loss all over the place from the start, what lr should i use', [UNSTABLE, LR]],
  ['train and val loss went down together and ended at 0.11 and 0.12, is that a good result', [GOOD]],
  ['curves look textbook, both decrease smoothly and converge close to each other. anything to improve?', [GOOD]],
  ['Epoch 1/1 - loss: 0.6011 - accuracy: 0.6800 - val_loss: 0.5904 - val_accuracy: 0.6900 can u diagnose', [NA]],
  ['i only trained 2 epochs, is it overfitting already?', [NA]],
  // ---- findings
  ['loss: nan from epoch 3 on, using adam lr 0.01 and mse', [NAN]],
  ['Warum ist mein Loss plotzlich NaN?', [NAN]],
  ['training loss blows up: 0.4, 3.1, 47, 1200, then inf', [DIVERGE, NAN]],
  ['train loss keeps increasing every epoch instead of decreasing, what am i doing wrong', [DIVERGE, LR]],
  ['theres one massive spike in the loss around step 4000 and then its fine again', [SPIKE]],
  ['val loss jumped to 3.2 at epoch 17 for just that epoch then went back to 0.4', [SPIKE, NOISYVAL]],
  ['loss still decreasing when training ended at epoch 30, should i train more?', [STILL, T('epochs')]],
  ['the curves are still going down at the end, not converged yet', [STILL]],
  ['loss stuck at 0.35 since epoch 20, nothing helps', [PLATEAU]],
  ['my loss stopped improving after a while and stays flat, lr 1e-3 adam', [PLATEAU, LR]],
  ['why is validation loss smaller than training loss?? thought it should be the opposite', [VALBELOW]],
  ['val acc higher than train acc the whole time, is my model broken', [VALBELOW]],
  ['val accuracy 1.0 from epoch 2, surely wrong? time series forecasting with shuffled split', [LEAK]],
  ['test acc 99.9% on the first epoch, seems too good, is there a leak', [LEAK]],
  ['acc stays at 0.5 forever, binary classification, loss 0.693', [CHANCE]],
  ['my classifier only predicts class 0 for everything', [CHANCE]],
  ['val loss is really noisy compared to training, train is smooth', [NOISYVAL]],
  ['validation curve zigzags while the training curve goes down nicely', [NOISYVAL]],
  ["history.history only has 'loss', where is val_loss?", [NOVAL]],
  ['KeyError: val_loss when plotting the history', [NOVAL]],
  ['my log has two runs in it, the epochs start again from 1 halfway', [RUNS]],
  ['i ran fit twice in the same notebook and now the plot looks weird', [RUNS]],
  ['Epoch 00023: early stopping -- is that bad? i set 100 epochs', [STOPPED, T('early_stopping')]],
  ['why did my training stop at epoch 14 when epochs=300', [STOPPED, T('early_stopping')]],
  // ---- topics
  ['how do i read these loss curves, new to ML', [T('reading_curves')]],
  ['what does val_loss mean vs loss in the keras output', [T('reading_curves')]],
  ['val loss and val accuracy both go up at the same time, how is that possible', [T('overconfidence')]],
  ['model predicts 0.99 probability but is wrong half of the time', [T('overconfidence')]],
  ['accuracy is 0.0000 the entire time but mse goes down, regression problem', [T('accuracy_zero')]],
  ['why is my accuracy 0 for a price prediction lstm', [T('accuracy_zero')]],
  ['how many units should my lstm layer have? 32 or 128?', [T('units')]],
  ['cuantas neuronas deberia usar en la capa lstm', [T('units')]],
  ['is 3 stacked lstm layers too many for 5000 samples', [T('layers')]],
  ['should i add another LSTM layer or is one enough', [T('layers')]],
  ['adam vs rmsprop for lstm, which one?', [T('optimizer')]],
  ['welcher Optimierer ist am besten fur LSTM?', [T('optimizer')]],
  ['what learning rate should i start with for adam on an lstm', [LR]],
  ['is lr=0.1 too high?', [LR]],
  ['how do i decay the learning rate over epochs in keras', [T('lr_schedule')]],
  ['ReduceLROnPlateau or cosine decay, what is better', [T('lr_schedule')]],
  ['does batch size matter? using 256 rn', [T('batch_size')]],
  ['quelle taille de batch choisir pour un lstm ?', [T('batch_size')]],
  ['how many epochs is enough for an lstm', [T('epochs')]],
  ['100 epochs or 500 epochs?', [T('epochs')]],
  ['how to set up EarlyStopping properly, what patience', [T('early_stopping')]],
  ['what should i monitor in earlystopping callback', [T('early_stopping')]],
  ['where to put dropout in an lstm, and how much', [T('dropout')]],
  ['recurrent_dropout makes training super slow on gpu why', [T('dropout')]],
  ['how to add l2 regularization to lstm weights', [T('regularization')]],
  ['kernel_regularizer value 0.01 too strong?', [T('regularization')]],
  ['how to use clipnorm in keras optimizer', [T('gradient_clipping')]],
  ['gradients exploding in my rnn, what do i do', [T('gradient_clipping')]],
  ['should i normalize my input features before the lstm? values are like 20000', [T('scaling')]],
  ['MinMaxScaler or StandardScaler for time series lstm', [T('scaling')]],
  ['how to do k fold cross validation with time series data', [T('kfold')]],
  ['is TimeSeriesSplit better than normal kfold', [T('kfold')]],
  ['can i average the predictions of several lstms to get better results', [T('ensemble')]],
  ['how to make an ensemble of keras models', [T('ensemble')]],
  ['how to use hyperopt to tune my lstm', [T('hyperopt')]],
  ['best way to search hyperparameters automatically for keras', [T('hyperopt')]],
  ['how to compare different lstm architectures automatically (layers, units)', [T('arch_search')]],
  ['loop over number of layers and units to find best architecture', [T('arch_search')]],
  ['results change every time i rerun the same code, how do i get reproducible results', [T('multi_run')]],
  ['should i report mean and std over 5 runs?', [T('multi_run')]],
  ['the temperature forecasting example from the keras book, how is it set up', [T('case_study')]],
  ['jena climate dataset lstm example', [T('case_study')]],
  ['how long should my input sequence window be', [T('sequence_length')]],
  ['look_back 10 or 60 timesteps for daily data?', [T('sequence_length')]],
  ["TypeError: __init__() got an unexpected keyword argument 'lr'", [T('lr_kwarg')]],
  ['lr vs learning_rate in Adam, which one', [T('lr_kwarg')]],
  ['how do i save the best model during training', [T('checkpoint')]],
  ['ModelCheckpoint save_best_only with .keras extension error', [T('checkpoint')]],

  // ---- harder: indirect descriptions, numbers read off curves, pasted lines, long rambling
  ['so at epoch 5 val is 0.40, at 20 its 0.38, at 40 0.47 and at 60 0.59, train went 0.5 -> 0.05. thoughts?', [OVER]],
  ['the gap between my two lines keeps getting wider every epoch, the lower one still goes down', [OVER, HIVAR]],
  ['model does great on what it has seen and bad on new data', [OVER, HIVAR]],
  ['r2 on train 0.97, on validation 0.41', [HIVAR, OVER]],
  ['train mae 12.3, val mae 12.9, baseline mae 13.0 lol', [UNDER]],
  ['mi red neuronal tiene el mismo error en entrenamiento y validacion pero es muy alto', [UNDER]],
  [
    'epoch 1 loss 0.52 epoch 2 loss 0.49 epoch 3 loss 0.47 epoch 4 loss 0.46 ... epoch 300 loss 0.45, val same-ish',
    [UNDER, PLATEAU],
  ],
  ['loss: 2.3026 - accuracy: 0.0998 every single epoch on mnist', [CHANCE]],
  ['my binary model gives 0.5 for every input', [CHANCE]],
  ['loss 0.31 0.28 0.27 0.29 0.26 0.33 0.25 0.34 0.24, is this normal wobble?', [UNSTABLE, NOISYVAL]],
  ['val_loss: 0.52 0.61 0.49 0.66 0.47 0.70 while loss goes 0.50 0.45 0.41 0.38 0.35 0.32', [NOISYVAL, HIVAR, OVER]],
  ['the training loss is like a saw, huge up and downs every epoch, batch size 4', [UNSTABLE, T('batch_size')]],
  ['after epoch 40 the loss suddenly became nan and the accuracy dropped to 0.1', [NAN]],
  ['loss = inf right at the first batch', [NAN]],
  ['training loss went 0.3, 0.28, 0.9, 4.5, 37.2 and kept going', [DIVERGE]],
  ['the error goes up the longer i train, even on the training data', [DIVERGE]],
  ['epoch 31 the loss went from 0.12 to 1.8 and the next epoch it was 0.13 again', [SPIKE]],
  ['wtf is that huge peak in the middle of my loss plot', [SPIKE]],
  ['by the last epoch the loss is lower than ever and still dropping each epoch', [STILL]],
  ['could my model get better with more epochs? the curve has not flattened', [STILL, T('epochs')]],
  ['loss: 0.4102 loss: 0.4101 loss: 0.4101 loss: 0.4100 for the last 30 epochs', [PLATEAU]],
  ['it learns fast for the first 10 epochs and then nothing happens anymore', [PLATEAU]],
  ['my test loss sits below my train loss the whole run and i use dropout 0.5', [VALBELOW]],
  ['validation mse 0.02 training mse 0.05, how can the unseen data be easier', [VALBELOW]],
  ['val loss is 0.0000 from the start, train loss is 0.3', [LEAK]],
  ['my lstm gets 100% on the test set for stock prices, did i mess up the split?', [LEAK]],
  ['the orange curve moves up and down a lot, the blue one is steady', [NOISYVAL]],
  ['I only see one curve in my plot, the training one', [NOVAL]],
  ['fit() output has no val_ metrics at all', [NOVAL]],
  ['log has 200 lines but the epochs go 1..100 twice', [RUNS]],
  ['halfway in my csv the epoch column goes back to 0', [RUNS]],
  ['Restoring model weights from the end of the best epoch: 12. what does this mean', [STOPPED, T('early_stopping')]],
  ['only 17 epochs were run even though i passed epochs=120 to fit', [STOPPED, T('early_stopping')]],
  ['val_acc goes up and val_loss goes up too, weird', [T('overconfidence')]],
  ['LSTM(256) or LSTM(32), my data is small', [T('units')]],
  ['Adam(lr=0.001) gives me a warning in tf 2.11', [T('lr_kwarg')]],
  ['mi modelo tiene que guardar los mejores pesos, como hago', [T('checkpoint')]],
  ['combien de couches lstm faut-il empiler ?', [T('layers')]],
  ['soll ich die Batchgrosse erhohen?', [T('batch_size')]],
  ['cuantas epocas necesito para entrenar', [T('epochs')]],
];

/**
 * PROBE_9's misses fixed as families: new wordings of each missed family (not in PROBE_9 or any other
 * set), most of them scored before the fix (they were the check that the fix is general). Asserted at 100%.
 */
export const PROBE_9_FAMILIES: Phrasing[] = [
  // the validation keys missing, said as Keras errors; a plot with one curve
  ["KeyError: 'val_accuracy' in plt.plot(history.history['val_accuracy'])", [NOVAL]],
  ['getting keyerror val_acc when i plot the curves', [NOVAL]],
  [
    'Early stopping conditioned on metric `val_loss` which is not available. Available metrics are: loss,accuracy',
    [NOVAL],
  ],
  ["history.history['val_loss'] does not exist, why", [NOVAL]],
  ['only one line shows up in my loss plot, the train one', [NOVAL]],
  ['my graph only has a single curve, where is validation', [NOVAL]],
  ['i just get one curve when plotting history', [NOVAL]],
  // a curve's values said with their epochs and a few words between them
  ['at epoch 10 val_loss was 0.30, at 30 it was 0.36, by 50 its 0.45, train keeps falling. normal?', [OVER]],
  ['val at ep 5 0.61, at ep 15 0.55, at ep 25 0.58, at ep 35 0.67 while train is 0.2 now', [OVER, HIVAR]],
  ['the loss was 0.2 at epoch 40, then at 41 it is 3.5, and at 42 it is 0.21 again', [SPIKE]],
  ['loss went from 0.08 to 2.4 and the epoch after it was 0.09 again', [SPIKE]],
  // values said with their epochs, the last stretch long and flat: levelled off
  ['epoch 5: 0.40, epoch 10: 0.31, epoch 50: 0.30, epoch 200: 0.30', [PLATEAU]],
  ['loss 0.9 at epoch 1, 0.5 at epoch 10, 0.49 at epoch 100', [PLATEAU]],
  ['by epoch 20 loss was 0.35 and at epoch 150 it is still 0.34', [PLATEAU]],
  // the validation error about a trivial baseline's: learnt little
  ['naive forecast rmse 4.1, my lstm val rmse 4.0 and train rmse 3.9', [UNDER]],
  ['persistence model mae 0.52, train 0.50 val 0.51, is that any good', [UNDER]],
  ['baseline mse 1.00, lstm train mse 0.97, val mse 0.98', [UNDER]],
  // curves described in Spanish, French, German
  ['la perdida de entrenamiento sube y la de validacion tambien', [DIVERGE]],
  ["la perte de validation augmente mais la perte d'entrainement diminue", [OVER]],
  ['der Verlust beim Training sinkt, aber der Validierungsverlust steigt', [OVER]],
  ['la precision de validacion oscila mucho pero la de entrenamiento es estable', [NOISYVAL]],
  ['el error de entrenamiento y de validacion son muy altos y casi iguales', [UNDER]],
  // a run of values that moves is no chance level; a run compares by its last value
  ['val_loss 0.61 0.72 0.58 0.79 0.55 0.81, loss 0.60 0.52 0.47 0.43 0.40 0.37', [NOISYVAL, HIVAR, OVER]],
  ['loss 0.70 0.66 0.71 0.64 0.72 0.63 0.70, lots of ups and downs', [UNSTABLE]],
  // ups and downs, a saw
  ['my training loss has lots of ups and downs every epoch', [UNSTABLE]],
  ['loss curve looks like a saw, batch size 2', [UNSTABLE, T('batch_size')]],
  ['train loss goes up-and-down the whole time, no trend', [UNSTABLE]],
  // the model (not a named curve) that stops learning
  ['the model stops learning after epoch 20', [PLATEAU]],
  ['after 10 epochs it doesnt improve anymore', [PLATEAU]],
  ['my lstm learns well at first but after epoch 15 nothing changes', [PLATEAU]],
  // a validation loss of 0 beside a training loss far from it
  ['val loss is 0.000 at every epoch while train loss is 0.25', [LEAK]],
  ['val_loss: 0.0000e+00 and loss: 0.41, what', [LEAK]],
  // matplotlib's colours when no curve is named (blue = loss, orange = val_loss)
  ['the blue line goes down nicely but the orange one goes up after epoch 10', [OVER]],
  ['orange curve is very noisy, blue curve smooth', [NOISYVAL]],
  ['the orange line is way above the blue line', [HIVAR, OVER]],
];

/**
 * PROBE_9B: a second probe of 70 new questions (about one or two per entry, written harder: curves
 * described without their names, Keras progress lines, preprocessing leaks, settings with "=", other
 * languages), written after PROBE_9's fixes and scored untuned FIRST on that code (f187224): 60 of 70
 * (85.7%; the hand-over code c558d64: 58 of 70, 82.9%) -- the session's fixes moved this unseen probe by
 * two questions. Its misses' families were then fixed in general (PROBE_9B_FAMILIES); labels unchanged.
 */
export const PROBE_9B: Phrasing[] = [
  ['my val curve makes a smile shape while the train curve just keeps sliding down', [OVER]],
  ['after about 15 epochs the two curves go separate ways, one down one up', [OVER]],
  ['training error basically 0 now but the error on new samples grew from 0.2 to 0.35', [OVER, HIVAR]],
  [
    'Epoch 18/60\n120/120 - 3s - loss: 0.0912 - val_loss: 0.2011\nEpoch 40/60\n120/120 - 3s - loss: 0.0303 - val_loss: 0.2950 - is this bad',
    [OVER],
  ],
  ['the model fits the training set way too well i think', [OVER, HIVAR]],
  ['neither curve gets below 0.6, they stay glued together for all 150 epochs', [UNDER, PLATEAU]],
  ['even the training accuracy is only 40% on a 2 class problem after 50 epochs', [UNDER, CHANCE]],
  ['both errors are bad and the network seems too dumb for the task', [UNDER]],
  ['model too simple? train rmse 8.2 val rmse 8.4, target std is 8.5', [UNDER]],
  ['training curve super low, validation curve way up and jittery', [HIVAR, OVER]],
  ['train f1 0.98, val f1 swings between 0.6 and 0.8 from epoch to epoch', [HIVAR, NOISYVAL, OVER]],
  ['the loss bounces between 0.3 and 2.0 the whole training and never trends down', [UNSTABLE]],
  ['both losses go crazy after i set lr to 0.05', [UNSTABLE, DIVERGE, LR]],
  ['my curves look perfect?? both go down and end at 0.05 and 0.06', [GOOD]],
  ['val a tiny bit above train, both converged, nothing weird. can i ship it', [GOOD]],
  ['I have loss for epoch 0 only, it is 0.62. enough to tell?', [NA]],
  ['trained once for three epochs, val acc 0.7 0.72 0.74, what do you think', [NA, STILL]],
  ['loss printed as nan after the 3rd batch of epoch 1', [NAN]],
  ['val_loss became inf and then nan', [NAN]],
  ['loss goes 1.1, 1.9, 4.0, 9.7, 25 each epoch', [DIVERGE]],
  ['my loss gets bigger every single epoch since the start', [DIVERGE]],
  ['around step 12k the loss jumps to like 6 for a moment then goes back to 0.4', [SPIKE]],
  ['there is a single sharp peak in the val loss at epoch 33 but otherwise smooth', [SPIKE]],
  ['the lines are still heading down when the 50 epochs finish', [STILL]],
  ['curve has not leveled off yet at epoch 200 of 200', [STILL]],
  ['from epoch 30 to 100 the loss barely moved, like 0.251 to 0.249', [PLATEAU]],
  ['val loss stopped going down at 0.18 around epoch 25 and stayed there, train also flat', [PLATEAU, GOOD]],
  ['the validation set gets a lower error than the training set in every epoch', [VALBELOW]],
  ['why would val accuracy be 5 points above train accuracy', [VALBELOW]],
  ['I get 99.8% validation accuracy after 1 epoch on stock direction prediction, too good?', [LEAK]],
  ['i scaled the whole dataset before splitting and val is now amazing', [LEAK, T('scaling')]],
  ['loss sits at 1.386 for 4 classes since the first epoch', [CHANCE]],
  ['my model always says class 1, accuracy equals the class ratio', [CHANCE]],
  ['train smooth, val zigzag, val set has only 50 samples', [NOISYVAL]],
  ['the validation metric is jumping between epochs a lot but training is steady', [NOISYVAL]],
  ['i forgot validation_split, now i only have loss in history', [NOVAL]],
  ['no val curve in tensorboard, only train', [NOVAL]],
  ['the csv log shows epoch 0..49 and then 0..49 again', [RUNS]],
  ['I concatenated the logs of my 3 experiments, can you read it', [RUNS]],
  ['it says Epoch 00041: early stopping but epochs was 500', [STOPPED]],
  ['fit ended at epoch 22 by itself, why?', [STOPPED, T('early_stopping')]],
  ['what do the two lines in my keras plot mean', [T('reading_curves')]],
  ['my val loss goes up but val accuracy also goes up, contradiction?', [T('overconfidence')]],
  ['MSE drops nicely but accuracy prints 0.0 every epoch for my regression', [T('accuracy_zero')]],
  ['64 units enough or go for 256 for 10k sequences?', [T('units')]],
  ['does adding a second lstm layer help?', [T('layers')]],
  ['sgd with momentum vs adam for lstms', [T('optimizer')]],
  ['lr 1e-2 or 1e-4 for adam?', [LR]],
  ['should the learning rate drop when val loss plateaus', [T('lr_schedule')]],
  ['batch 8 vs batch 128, which generalizes better', [T('batch_size')]],
  ['is 1000 epochs overkill', [T('epochs')]],
  ['patience=2 is too small?', [T('early_stopping')]],
  ['dropout 0.5 on lstm too much?', [T('dropout')]],
  ['l1 or l2 for an lstm kernel', [T('regularization')]],
  ['clipvalue vs clipnorm?', [T('gradient_clipping')]],
  ['do i need to scale the target too or only inputs', [T('scaling')]],
  ['walk forward validation for lstm how', [T('kfold')]],
  ['train 5 lstms with different seeds and average them?', [T('ensemble'), T('multi_run')]],
  ['hyperopt fmin returns indices instead of values', [T('hyperopt')]],
  ['auto search for the best number of lstm layers', [T('arch_search')]],
  ['how many seeds should i run before trusting a result', [T('multi_run')]],
  ['the jena weather lstm tutorial', [T('case_study')]],
  ['how many past days should each sample contain', [T('sequence_length')]],
  ["Adam.__init__() got an unexpected keyword argument 'lr' keras 3", [T('lr_kwarg')]],
  ['how to keep the weights from the best epoch', [T('checkpoint'), T('early_stopping')]],
  ['la perdida de validacion baja y luego sube, que pasa', [OVER]],
  ["l'accuracy de validation reste bloquee a 50%", [CHANCE]],
  ['der Loss ist nach ein paar Epochen NaN', [NAN]],
  ['mi loss se queda igual desde la epoca 10', [PLATEAU]],
  ['la loss d entrainement et de validation baissent ensemble, c est bon ?', [GOOD]],
];

/** PROBE_9B's misses fixed as families: new wordings of each (not in any set): 8 of 25 before, 25 after. */
export const PROBE_9B_FAMILIES: Phrasing[] = [
  // the two curves going opposite ways, said without their names
  ['after epoch 20 the curves drift apart, val going up and train going down', [OVER]],
  ['the two lines split at epoch 12, one keeps falling the other climbs', [OVER]],
  ['train and val move away from each other after the first few epochs', [HIVAR, OVER]],
  // data the model has not seen is the validation curve
  ['the error on unseen data keeps growing while the training error shrinks', [OVER]],
  ['loss on new samples went from 0.3 to 0.5 but on the training samples it went to 0.01', [OVER, HIVAR]],
  ['the held out error rises after epoch 15, training error still dropping', [OVER]],
  // two Keras progress lines are enough for a course
  [
    'Epoch 5/30\n50/50 - 1s - loss: 0.4100 - val_loss: 0.4300\nEpoch 30/30\n50/50 - 1s - loss: 0.0500 - val_loss: 0.7200',
    [OVER],
  ],
  ['Epoch 10/50 - loss: 0.30 - val_loss: 0.35\nEpoch 50/50 - loss: 0.05 - val_loss: 0.61\nwhat happened', [OVER]],
  // fitting the training data too well
  ['my lstm fits the train data way too well', [OVER]],
  ['the network learned the training set perfectly but not the rest', [OVER, HIVAR]],
  ['it knows the training examples too well i guess', [OVER]],
  // curves stuck together at a level they never get below: not a good fit
  ['both curves never get below 0.8 and stay glued together', [UNDER, PLATEAU]],
  ['neither line goes under 1.2, they are stuck together the whole run', [UNDER, PLATEAU]],
  ['neither curve drops below 0.5 after 100 epochs', [UNDER, PLATEAU]],
  // trained once for a few epochs
  ['i trained once for two epochs, loss 0.5 then 0.45, good?', [NA]],
  ['ran it only once for 3 epochs, val 0.6 0.58 0.57', [NA]],
  // preprocessing before the split: a leak
  ['normalized the entire dataset before the train test split, val results look great', [LEAK, T('scaling')]],
  ['fit the MinMaxScaler on all the data and then split, is that a leak', [LEAK, T('scaling')]],
  ['shuffled my time series before splitting into train and val and val accuracy is 98%', [LEAK]],
  // the same range of epochs twice in one log
  ['the log has epochs 1-30 and then 1-30 again', [RUNS]],
  ['csv epoch column: 0..99, then 0..99, then 0..99', [RUNS]],
  // a setting's value with "=" asked about
  ['is patience 20 too big for 100 epochs', [T('early_stopping')]],
  ['is dropout=0.5 too much for a small lstm', [T('dropout')]],
  // an automatic search over the settings
  ['autotune the number of units and layers', [T('arch_search'), T('hyperopt')]],
  ['let optuna pick how many lstm layers and units', [T('arch_search'), T('hyperopt')]],
];

/**
 * PROBE_9C: a third probe of 67 new questions (one or two per entry: pasted JSON histories, Lightning /
 * HF lines, long chatty posts, emoji, "is that why", other languages), written after PROBE_9B's fixes and
 * scored untuned FIRST on that code (411b28d): 57 of 67 (85.1%; the hand-over code c558d64:
 * 56 of 67, 83.6%). Its misses' families were then fixed in general (PROBE_9C_FAMILIES); labels unchanged.
 */
export const PROBE_9C: Phrasing[] = [
  ['{"loss": [0.9, 0.5, 0.3, 0.2, 0.1], "val_loss": [0.95, 0.6, 0.55, 0.7, 0.9]} whats wrong', [OVER]],
  ['Epoch 12: train_loss=0.083, val_loss=0.412 | Epoch 30: train_loss=0.011, val_loss=0.690', [OVER, HIVAR]],
  ['pytorch lightning: val_loss climbing since step 2000 while train_loss still drops', [OVER]],
  ['HF trainer eval_loss goes up after epoch 2 but training loss keeps going down', [OVER]],
  [
    'hey so basically my validation loss was going down nicely and then around epoch 30 it started creeping back up, training still goes down. is this what people call overfitting or something else?',
    [OVER],
  ],
  ['model is underperforming on both sets, accuracy 62 train 61 val, 5 classes', [UNDER]],
  ['loss ~0.45 on both from epoch 5 to 100, should I make the net bigger?', [UNDER, PLATEAU, T('units'), T('layers')]],
  ['my rmse is high on training AND test, lstm with 8 units', [UNDER, T('units')]],
  ['train acc 1.00 val acc 0.55 😬', [HIVAR, OVER]],
  ['val error is 4 times the train error and changes a lot between epochs', [HIVAR]],
  ['{"loss": [0.7, 1.5, 0.4, 2.1, 0.6, 1.8]} is this normal', [UNSTABLE, SPIKE]],
  ['the curve looks like noise, no clear downward trend at all', [UNSTABLE]],
  ['train_loss and val_loss both around 0.03 at the end and the gap is small, done?', [GOOD]],
  ['everything looks fine: loss 0.21, val_loss 0.23, both flat for 20 epochs', [GOOD]],
  ['{"loss": [0.52], "val_loss": [0.55]}', [NA]],
  ['can you judge from 2 data points', [NA]],
  ['RuntimeWarning: invalid value encountered, loss: nan', [NAN]],
  ['why does my loss turn into nan when i use relu in the lstm', [NAN]],
  ['train_loss: 0.3 -> 0.5 -> 1.2 -> 3.9 -> 15.0', [DIVERGE]],
  ['the more epochs the higher my training loss gets', [DIVERGE]],
  ['at epoch 77 the loss jumped from 0.05 to 0.9 then fell back within 3 epochs', [SPIKE]],
  ['sudden jump in val loss for one epoch only, then normal', [SPIKE, NOISYVAL]],
  ['training ended but the val curve still had a downward slope', [STILL]],
  ['looks like there is still room to improve, loss still falling at the last epoch', [STILL]],
  ['val loss is stuck at 0.29 for 40 epochs', [PLATEAU]],
  ['the loss plateaued early at 0.6, lr 1e-5', [PLATEAU, LR]],
  ['validation loss consistently lower than training loss, i use dropout 0.3', [VALBELOW]],
  ['my test loss is below my train loss, is my test set too easy?', [VALBELOW]],
  ['val acc 100% at epoch 1, train acc 85%', [LEAK]],
  ['the same samples are in train and validation, is that why val is perfect', [LEAK]],
  ['accuracy is exactly 0.5 for a binary task no matter what i change', [CHANCE]],
  ['the network outputs the majority class every time', [CHANCE]],
  ['val_loss wiggles a lot but the training loss is smooth and decreasing', [NOISYVAL]],
  ['my validation curve is noisy because the val set is tiny?', [NOISYVAL]],
  ["history.history.keys() gives dict_keys(['loss']) only", [NOVAL]],
  ['model.fit(X, y, epochs=50) and the plot has no validation curve', [NOVAL]],
  ['why does my log have 2 "Epoch 1/10" lines', [RUNS]],
  ['I ran the training cell twice and the history got appended', [RUNS]],
  ['training stopped at epoch 31/200 with restore_best_weights message', [STOPPED]],
  ['EarlyStopping ended my run at epoch 9, patience 3, is it too early?', [STOPPED, T('early_stopping')]],
  ['what am i supposed to look at in a learning curve', [T('reading_curves')]],
  ['val_accuracy improving but val_loss getting worse at the same time', [T('overconfidence')]],
  ['accuracy stays 0 for my temperature prediction model', [T('accuracy_zero')]],
  ['how big should the hidden state be', [T('units')]],
  ['1 or 2 lstm layers for a small dataset?', [T('layers')]],
  ['Adam or Nadam for time series', [T('optimizer')]],
  ['my lr is 0.1, is that why it doesnt learn?', [LR]],
  ['cosine annealing for lstm, worth it?', [T('lr_schedule')]],
  ['smaller batches = better generalization?', [T('batch_size')]],
  ['how to know when to stop training', [T('early_stopping'), T('epochs')]],
  ['recurrent_dropout=0.2 or dropout=0.2, which is better', [T('dropout')]],
  ['how strong should the weight decay be for lstm', [T('regularization')]],
  ['how do i stop exploding gradients in keras', [T('gradient_clipping')]],
  ['my features are in different units (meters, dollars), do i need to normalize', [T('scaling')]],
  ['cross validation for lstm on sequences', [T('kfold')]],
  ['averaging 3 models predictions', [T('ensemble')]],
  ['tune lstm hyperparameters with bayesian optimization', [T('hyperopt')]],
  ['search over lstm stacks of 1 to 4 layers automatically', [T('arch_search')]],
  ['each run gives me a different val loss, how many runs to average', [T('multi_run')]],
  ['the keras book example that predicts temperature 24h ahead', [T('case_study')]],
  ['window size 30 vs 90 for hourly data', [T('sequence_length')]],
  ['keras 3 complains about lr argument in SGD', [T('lr_kwarg')]],
  ['ModelCheckpoint filepath must end in .keras error', [T('checkpoint')]],
  ['quiero guardar el modelo con el mejor val_loss', [T('checkpoint')]],
  ['mon modele sur-apprend apres 10 epoques', [OVER]],
  ['la loss de validation oscille beaucoup', [NOISYVAL]],
  ['meine Validierungsgenauigkeit bleibt bei 50%', [CHANCE]],
];

/** PROBE_9C's misses fixed as families: new wordings of each (not in any set): 13 of 29 before, 29 after. */
export const PROBE_9C_FAMILIES: Phrasing[] = [
  // bad on both sets, said in words
  ['the model does badly on both sets, train acc 0.58 val acc 0.57', [UNDER]],
  ['poor results on both train and validation, f1 around 0.4 for each', [UNDER]],
  ['mediocre on all splits, what should i change', [UNDER]],
  // a history pasted as lists of 1-4 values
  ["{'loss': [0.48], 'val_loss': [0.51]} what do you think", [NA]],
  ['history = {"loss": [0.61, 0.55], "val_loss": [0.63, 0.6]}, good?', [NA]],
  ['my history dict has loss [0.7] and val_loss [0.72], verdict?', [NA]],
  // "the more / longer ..., the higher the loss"
  ['the longer i train the worse my training loss gets', [DIVERGE]],
  ['the more epochs i run, the higher the train loss', [DIVERGE]],
  ['the more i train the higher the loss goes', [DIVERGE]],
  // the history's keys listed, none of them val_
  ["dict_keys(['loss', 'accuracy']) why no val", [NOVAL]],
  ['history keys are loss and mae, nothing else', [NOVAL]],
  ["print(history.history.keys()) -> dict_keys(['loss'])", [NOVAL]],
  // several "Epoch 1/N" lines; a history that grew with a second fit
  ['there are two "Epoch 1/20" lines in my output', [RUNS]],
  ['Epoch 1/5 appears twice in the log, why', [RUNS]],
  ['my printout contains several Epoch 1/30 lines', [RUNS]],
  ['i executed the fit cell 3 times and the history kept growing', [RUNS]],
  ['the history got appended when i reran model.fit', [RUNS]],
  ['my plot has two trainings glued together because history was extended', [RUNS]],
  // a setting's value asked about as the cause
  ['my lr is 0.05, could that be the problem?', [LR]],
  ['batch size is 512, is that why val loss is so noisy?', [T('batch_size'), NOISYVAL]],
  ['dropout 0.6, is this the reason it underfits?', [T('dropout'), UNDER]],
  // when to stop training
  ['when should i stop training my lstm', [T('early_stopping'), T('epochs')]],
  ['how do i decide when to stop the training', [T('early_stopping'), T('epochs')]],
  ['when to stop training to avoid overfitting', [T('early_stopping'), OVER]],
  // saving the best model, in Spanish, French, German
  ['como guardo los mejores pesos del modelo', [T('checkpoint')]],
  ['je veux sauvegarder le meilleur modele pendant l entrainement', [T('checkpoint')]],
  ['wie speichere ich das beste Modell', [T('checkpoint')]],
  // over- and underfitting as French verbs
  ['mon lstm sur-apprend des la 5e epoque', [OVER]],
  ['mon reseau sous-apprend, la loss reste haute', [UNDER]],
];

/**
 * PROBE_9D: a fourth probe of 67 new questions (terse lines, Markdown tables, model code with a question,
 * TensorBoard names, R², MAPE, "even with ...", settings asked to be judged, other languages), written
 * after PROBE_9C's fixes and scored untuned FIRST on that code (2445e25): 56 of 67 (83.6%; the hand-over
 * code c558d64: 55 of 67, 82.1%). Its misses' families were then fixed in general (PROBE_9D_FAMILIES),
 * except two left as they are (65 of 67 after): "MAPE 35% train, 36% val, pretty bad right" (close curves
 * the asker calls bad) and "loss 0.08 val_loss 0.09, flat for the last 30 epochs" (close low curves gone
 * flat with no fall said: read as a plateau). Labels unchanged.
 */
export const PROBE_9D: Phrasing[] = [
  ['val up train down', [OVER]],
  ['val_acc peaked at epoch 9 (0.81) and has been sliding to 0.74, train_acc at 0.99', [OVER, HIVAR]],
  ['| epoch | loss | val_loss |\n| 10 | 0.21 | 0.30 |\n| 20 | 0.10 | 0.33 |\n| 30 | 0.04 | 0.41 |', [OVER]],
  [
    'model = Sequential([LSTM(256, return_sequences=True), LSTM(256), Dense(1)]) -- val loss goes up after epoch 6, too big?',
    [OVER, T('units'), T('layers')],
  ],
  ['tensorboard: epoch_loss for train keeps dropping, validation epoch_loss turned upward at step 40', [OVER]],
  ['r2 is like 0.1 on train and 0.08 on val', [UNDER]],
  ['MAPE 35% train, 36% val, pretty bad right', [UNDER]],
  ['even with 3 layers and 256 units train loss wont go under 0.5', [UNDER, PLATEAU]],
  ['val accuracy around 0.6 but training is 0.97, and the val line is very jagged', [HIVAR, NOISYVAL]],
  ['big difference between train and test, val also very unstable', [HIVAR]],
  ['the loss goes crazy, 0.2 then 4 then 0.5 then 7 then 0.3', [UNSTABLE, SPIKE]],
  ['training is super erratic with lr=0.01 and batch size 4', [UNSTABLE, LR, T('batch_size')]],
  ['loss 0.08 val_loss 0.09, flat for the last 30 epochs. anything left to do?', [GOOD]],
  ['ok so train and val go down smoothly and end almost same, is this good fit', [GOOD]],
  ['2 epochs, loss 0.7 -> 0.6. overfitting or not?', [NA]],
  ['only the final numbers: loss 0.2 val 0.25', [NA]],
  ['NaN values appear in my loss after some epochs with mse', [NAN]],
  ['loss becomes -nan', [NAN]],
  ['my train loss keeps climbing from 0.3 up to 2.5 over 40 epochs', [DIVERGE]],
  ['loss exploded to 1e8 at epoch 3', [DIVERGE, NAN]],
  ['every ~500 steps there is a big loss spike that goes away', [SPIKE]],
  ['loss curve smooth except one tall spike at epoch 48', [SPIKE]],
  ['val and train still decreasing at the end, should i continue?', [STILL, T('epochs')]],
  ['loss 0.50 0.41 0.35 0.31 0.28 0.26 at epochs 1-6 then training ended', [STILL]],
  ['loss does not decrease after epoch 10, flat at 0.33', [PLATEAU]],
  ['training converged very early and nothing changes since', [PLATEAU, GOOD]],
  ['val mae 0.11 train mae 0.15 all the time', [VALBELOW]],
  ['why is my validation score better than training score', [VALBELOW]],
  ['val_loss 0.00001 from the first epoch, suspicious', [LEAK]],
  ['my targets are in the features by mistake? val accuracy 100%', [LEAK]],
  ['loss fixed at 2.302 with 10 classes', [CHANCE]],
  ['accuracy = 0.33 always on 3 classes', [CHANCE]],
  ['validation loss jumps around a lot while train is steady going down', [NOISYVAL]],
  ['val curve looks like an ecg', [NOISYVAL, UNSTABLE]],
  ['no val_loss in my history, i passed validation_data=None', [NOVAL]],
  ['plot only shows training loss', [NOVAL]],
  ['history shows 40 epochs but epochs counter restarted at 20', [RUNS]],
  ['two trainings in one plot, how to separate them', [RUNS]],
  ['why did keras stop at epoch 17 when i set 100', [STOPPED]],
  ['Epoch 45: early stopping\nRestoring model weights from the end of the best epoch: 35.', [STOPPED]],
  ['how to interpret loss and val_loss', [T('reading_curves')]],
  ['val loss goes up yet val acc also increases', [T('overconfidence')]],
  ["accuracy stays 0 and i'm predicting stock prices", [T('accuracy_zero')]],
  ['units=512 overkill for 2000 samples?', [T('units')]],
  ['should I stack 3 LSTMs or just use 1', [T('layers')]],
  ['RMSprop vs Adam for lstm, any difference', [T('optimizer')]],
  ['default adam lr 0.001 good for lstm?', [LR]],
  ['exponential decay for the learning rate, how in keras', [T('lr_schedule')]],
  ['does batch size 1 make sense for lstm', [T('batch_size')]],
  ['train 20 or 200 epochs', [T('epochs')]],
  ['restore_best_weights what does it do', [T('early_stopping'), T('checkpoint')]],
  ['how much dropout for 2 stacked lstm layers', [T('dropout')]],
  ['is l2 0.01 too strong for lstm kernels', [T('regularization')]],
  ['what clipnorm value should i use', [T('gradient_clipping')]],
  ['fit the scaler only on train?', [T('scaling')]],
  ['should i shuffle when doing cv on time series', [T('kfold')]],
  ['bagging lstm models worth it', [T('ensemble')]],
  ['hp.loguniform bounds confusion in hyperopt', [T('hyperopt')]],
  ['neural architecture search for lstm in keras', [T('arch_search')]],
  ['how to report results over multiple random seeds', [T('multi_run')]],
  ['the temperature prediction case from deep learning with python', [T('case_study')]],
  ['how many timesteps per sample', [T('sequence_length')]],
  ['lr is deprecated, use learning_rate warning', [T('lr_kwarg')]],
  ['save_best_only=True but it saves every epoch?', [T('checkpoint')]],
  ['el modelo se sobreajusta, que hago', [OVER]],
  ['ma loss de validation est plus basse que ma loss d entrainement', [VALBELOW]],
  ['die Loss-Kurve springt wild hin und her', [UNSTABLE]],
];

/** PROBE_9D's misses fixed as families: new wordings of each (not in any set): 8 of 24 before, 24 after. */
export const PROBE_9D_FAMILIES: Phrasing[] = [
  // a table pasted with the question (CSVLogger, Markdown, ";")
  ['epoch,loss,val_loss\n1,0.52,0.55\n2,0.31,0.40\n3,0.18,0.47\n4,0.09,0.58', [OVER]],
  [
    '| epoch | train_loss | val_loss |\n| 1 | 0.9 | 0.95 |\n| 5 | 0.5 | 0.52 |\n| 10 | 0.3 | 0.31 |\n| 20 | 0.2 | 0.21 |',
    [GOOD, STILL],
  ],
  ['epoch;acc;val_acc\n1;0.60;0.58\n2;0.75;0.70\n3;0.88;0.72\n4;0.97;0.69', [OVER, HIVAR]],
  // every R² said low
  ['r squared 0.15 on training and 0.12 on validation', [UNDER]],
  ['my r2 is only 0.3 for train and 0.28 for test', [UNDER]],
  ['R2 train 0.05, R2 val 0.02, is the model useless', [UNDER]],
  // a bare curve word right after each of two values
  ['mae 4.1 train, 9.8 val', [HIVAR, OVER]],
  ['f1 0.99 train, 0.62 test', [HIVAR, OVER]],
  // settings named as already tried
  ['even with 4 layers and 512 units the training loss stays at 0.6', [UNDER, PLATEAU]],
  ["despite using 128 units and 2 layers the loss won't go below 0.4", [UNDER, PLATEAU]],
  // a question that opens with 1-4 epochs; only the final values
  ['3 epochs, val loss 0.5 -> 0.45 -> 0.43. is it overfitting?', [NA]],
  ['1 epoch: loss 0.3 val 0.33. good?', [NA]],
  ['i only have the last values: loss 0.12 val_loss 0.15', [NA]],
  ['just the final metrics: acc 0.91 val_acc 0.88', [NA]],
  // how to read the two keys
  ['how do i interpret train loss vs val loss', [T('reading_curves')]],
  ['how should i interpret the loss and val_loss curves', [T('reading_curves')]],
  // a setting's value asked to be judged
  ['is lr 0.01 good for adam?', [LR]],
  ['batch size 64 ok for an lstm?', [T('batch_size')]],
  ['dropout 0.2 fine for a 2 layer lstm?', [T('dropout')]],
  // cross-validation said "cv"
  ['is shuffling allowed in cv for sequences', [T('kfold')]],
  ['how to do cv without leaking the future', [T('kfold'), LEAK]],
  // a curve jumping around, in German, French, Spanish
  ['die Kurve springt hin und her', [UNSTABLE]],
  ['la courbe de validation saute dans tous les sens', [NOISYVAL]],
  ['la curva de perdida salta mucho', [UNSTABLE]],
];

/**
 * PROBE_9E: a fifth probe of 66 new questions (heavy typos, "my boss says", the plot's axes and lines
 * described, custom losses, Keras 3 errors, other languages), written after PROBE_9D's fixes and scored
 * untuned FIRST on that code (589fe87): 59 of 66 (89.4%; the hand-over code c558d64: 58 of 66, 87.9%).
 * Its misses' families were then fixed in general (PROBE_9E_FAMILIES), except one left as it is (65 of
 * 66 after): "underfit? loss 0.9 val 0.92 after 300 epochs on a tiny dataset" (close values read as a
 * good fit whatever their level). Labels unchanged.
 */
export const PROBE_9E: Phrasing[] = [
  ['validaton los increses after epoc 10 but trainig los decreses', [OVER]],
  ['my boss says the model overfits because the orange curve turns up, is he right?', [OVER]],
  ['y axis loss, x axis epochs: the lower line keeps going down, the upper line goes down until 20 then rises', [OVER]],
  ['val_mae bottoms out at epoch 14 and climbs after that while mae keeps shrinking', [OVER]],
  ['the validation curve has a U shape', [OVER]],
  ['underfit? loss 0.9 val 0.92 after 300 epochs on a tiny dataset', [UNDER]],
  ['model can barely fit the training data, even with lr tuning', [UNDER]],
  ['big gap and the validation curve is all over the place', [HIVAR, NOISYVAL]],
  ['training looks perfect but validation is a mess and much higher', [HIVAR, OVER]],
  ['loss swings wildly from epoch to epoch for both train and val', [UNSTABLE]],
  ['unstable training with sgd lr 0.5', [UNSTABLE, LR]],
  ['curves go down together and stay close, final gap 0.01, good?', [GOOD]],
  ['the two curves are basically on top of each other and low', [GOOD]],
  ['model.fit ran for one epoch only, can you diagnose it?', [NA]],
  ['I stopped it after 2 epochs to ask: loss 0.6 val 0.7', [NA]],
  ['val_loss: nan from the first epoch, loss fine', [NAN]],
  ['getting inf loss with my custom loss function', [NAN]],
  ['train loss went 0.2 → 0.9 → 3.0 → 11 in four epochs', [DIVERGE]],
  ['training loss is increasing instead of decreasing, lr 0.1', [DIVERGE, LR]],
  ['weird one-epoch bump in training loss at epoch 52', [SPIKE]],
  ['some epochs the loss shoots up by 10x then recovers', [SPIKE]],
  ['loss still going down slowly at epoch 500, more epochs?', [STILL, T('epochs')]],
  ['val loss hasnt bottomed out yet when training finished', [STILL]],
  ['after epoch 60 nothing moves, val_loss 0.241 0.241 0.240 0.241', [PLATEAU]],
  ['both losses plateau at a high value', [UNDER, PLATEAU]],
  ['validation loss below training loss the whole time, strong dropout', [VALBELOW]],
  ['test mse consistently lower than train mse', [VALBELOW]],
  ['perfect validation score right away, probably a bug in my split', [LEAK]],
  ['i think the windows overlap between train and test', [LEAK]],
  ['binary model stuck at 0.693 loss and 50% accuracy', [CHANCE]],
  ['predicts the same value for every input', [CHANCE]],
  ['val accuracy oscillates +-5% every epoch, training smooth', [NOISYVAL]],
  ['validation loss noisy but trending down', [NOISYVAL]],
  ['where is my val loss?? history only has loss and acc', [NOVAL]],
  ["I didn't pass validation data to fit, can you still tell", [NOVAL]],
  ['the log contains my three runs back to back', [RUNS]],
  ['i trained, changed the lr, trained again, all in one history', [RUNS]],
  ['training halted at epoch 23 by earlystopping', [STOPPED]],
  ['why did fit end at epoch 50 when i asked for 200', [STOPPED]],
  ['what does each curve in a keras learning curve mean', [T('reading_curves')]],
  ['val loss increasing and val acc increasing at the same time, overconfident?', [T('overconfidence')]],
  ['accuracy 0.0 with mean squared error loss', [T('accuracy_zero')]],
  ['should i use 50 or 100 lstm units', [T('units')]],
  ['stacked lstm vs single lstm', [T('layers')]],
  ['is adam always the best optimizer', [T('optimizer')]],
  ['how to find the right learning rate', [LR]],
  ['warmup then cosine decay in keras', [T('lr_schedule')]],
  ['what batch size for 100k sequences', [T('batch_size')]],
  ['how do i know how many epochs', [T('epochs')]],
  ['early stopping monitor val_loss or val_acc', [T('early_stopping')]],
  ['spatial dropout vs recurrent dropout in lstm', [T('dropout')]],
  ['weight decay in adamw vs l2 in keras', [T('regularization'), T('optimizer')]],
  ['gradient clipping in keras, clipnorm=1.0 ok?', [T('gradient_clipping')]],
  ['StandardScaler on the target variable?', [T('scaling')]],
  ['TimeSeriesSplit how many splits', [T('kfold')]],
  ['ensemble of 5 lstms vs one big lstm', [T('ensemble')]],
  ['hyperopt space for lstm units and dropout', [T('hyperopt')]],
  ['automatically try different lstm depths', [T('arch_search')]],
  ['results vary a lot between seeds, what to do', [T('multi_run')]],
  ['jena climate temperature forecasting with lstm walkthrough', [T('case_study')]],
  ['lookback window 24 or 168 for hourly data', [T('sequence_length')]],
  ['SGD(lr=0.01) error in new keras', [T('lr_kwarg')]],
  ['keep only the best model weights during training', [T('checkpoint')]],
  ['la perdida de validacion es muy ruidosa', [NOISYVAL]],
  ['ma loss reste bloquee a 0.69', [CHANCE, PLATEAU]],
  ['Die Validierungs-Loss steigt ab Epoche 15, Training sinkt weiter', [OVER]],
];

/** PROBE_9E's misses fixed as families: new wordings of each (not in any set): 2 of 13 before, 13 after. */
export const PROBE_9E_FAMILIES: Phrasing[] = [
  // the lower / upper line of the plot (a loss plot: train below; an accuracy plot: train above)
  ['the lower curve keeps falling, the upper curve falls until epoch 15 and then goes up', [OVER]],
  ['top line goes up after epoch 10 while the bottom line keeps dropping', [OVER]],
  ['in my accuracy plot the upper line keeps rising and the lower line drops after epoch 8', [OVER]],
  // "much higher" with no "than": a gap
  ['train looks great but val is much higher and jumps around', [HIVAR, OVER]],
  ['training loss tiny, validation loss way higher and noisy', [HIVAR, OVER]],
  // a run cut to 1-4 epochs on purpose
  ['i stopped it after 3 epochs: loss 0.5 val 0.52', [NA]],
  ['killed the run at epoch 2, loss 0.4 val 0.45, good so far?', [NA]],
  // not bottomed out / levelled off yet at the end
  ['loss has not bottomed out when the epochs ran out', [STILL]],
  ['the validation loss hadnt flattened yet at the final epoch', [STILL]],
  // a second training in the same history
  ['trained, changed batch size, trained again, everything in one log', [RUNS]],
  ['i re-ran fit with another lr and it all went into the same history', [RUNS]],
  // lr= with an error or a warning
  ['Adam(lr=0.001) throws an error in keras 3', [T('lr_kwarg')]],
  ['RMSprop(lr=1e-3) gives a warning', [T('lr_kwarg')]],
];
