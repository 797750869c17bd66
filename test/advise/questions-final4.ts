/**
 * FINAL_4: the clean end-of-session set of the second questions session (2026-12-01), written after
 * every fix of that session (passes six and seven), scored ONCE and NEVER tuned on: the honest
 * estimate of how why() does on questions nobody has looked at. Same styles as questions-pass6.ts
 * (pasted logs, chat speak, numbers from logs, non-native English, "is it normal that", two runs
 * compared, settings said as symptoms). Do not change code to fix its misses one by one; write a new
 * probe pass instead and fix the families it shows.
 */
import type { Phrasing } from './questions-users.js';

const OVER = 'pattern:overfitting';
const UNDER = 'pattern:underfitting';
const HIVAR = 'pattern:high_variance';
const UNSTABLE = 'pattern:unstable';
const GOOD = 'pattern:good_fit';
const NA = 'pattern:not_assessable';
const NAN = 'finding:nan_inf';
const DIVERGE = 'finding:diverging';
const SPIKE = 'finding:loss_spike';
const STILL = 'finding:still_improving';
const PLATEAU = 'finding:plateau';
const VALBELOW = 'finding:val_better_than_train';
const LEAK = 'finding:possible_leakage';
const CHANCE = 'finding:stuck_at_chance';
const NOISYVAL = 'finding:noisy_validation';
const NOVAL = 'finding:no_validation';
const RUNS = 'finding:multiple_runs';
const STOPPED = 'finding:early_stopped';
const T = (name: string) => `topic:${name}`;
const LR = T('learning_rate');

export const FINAL_4: Phrasing[] = [
  ['val_loss 0.29 at epoch 9, 0.47 at epoch 35, train loss down to 0.04. overfit right?', [OVER, HIVAR]],
  ['hey guys my validation loss keeps climbing since like epoch 7 but training looks perfect, any tips', [OVER, HIVAR]],
  [
    'so i have this gru model for energy forecasting and the val curve goes down first then turns around and goes up again while train just keeps dropping, i use adam 1e-3 and batch 64',
    [OVER],
  ],
  ['validation loss is getting higher each epoch after 20, training lower', [OVER]],
  ['val loss minimum at epoch 5 then only up', [OVER, T('early_stopping')]],
  ['accuracy: 0.9912 - val_accuracy: 0.6833', [HIVAR, OVER]],
  ['training mse 0.001 test mse 0.08, big gap no?', [HIVAR, OVER]],
  ['model is great on seen data and bad on new data', [HIVAR, OVER]],
  ['my train and val curves are very far away from each other', [HIVAR, OVER]],
  ['both train and validation accuracy stay around 55% on a 5 class problem', [UNDER, PLATEAU]],
  ['model is not able to learn the training data, loss high', [UNDER]],
  ['high loss for train and val, maybe need bigger network', [UNDER, T('units'), T('layers')]],
  ['loss goes 0.5 0.9 0.4 1.1 0.3 1.3, no idea why', [UNSTABLE, SPIKE, LR]],
  ['my training loss is very shaky and doesnt really converge', [UNSTABLE, LR]],
  ['loss oscillating a lot with lr 0.01, should i lower it', [UNSTABLE, LR]],
  ['val and train loss both decreasing and end at 0.11 and 0.12', [GOOD]],
  ['is it normal that my curves look almost the same?', [GOOD]],
  ['nice smooth curves both going down, i guess no problem?', [GOOD]],
  ['only 1 epoch in my log, can it say something', [NA]],
  ['loss = nan after first batch', [NAN]],
  ['my val_loss shows inf sometimes', [NAN]],
  ['pytorch loss turned nan when i increased lr', [NAN, LR]],
  ['loss goes from 0.7 to 5000 in 10 epochs', [DIVERGE, NAN]],
  ['the loss is increasing from start and never decrease', [DIVERGE, LR]],
  ['loss has a huge spike at epoch 60 and then it is fine again', [SPIKE]],
  ['some spikes in train loss every now and then', [SPIKE, UNSTABLE]],
  ['is it normal that the loss sometimes jumps up for one epoch', [SPIKE]],
  ['the loss was still falling when training stopped at epoch 200', [STILL, T('epochs')]],
  ['my loss didnt converge yet after 30 epochs, continue?', [STILL, T('epochs')]],
  ['loss 0.250 0.249 0.250 0.249 for 40 epochs', [PLATEAU]],
  ['training got stuck at loss 0.8 after epoch 5', [PLATEAU, UNDER]],
  ['the loss stagnate and dont want to go lower', [PLATEAU]],
  ['val loss lower then train loss whole time, weird?', [VALBELOW]],
  ['why my validation accuracy is bigger than training accuracy', [VALBELOW]],
  ['val accuracy 1.0 from epoch 1, is it a bug', [LEAK]],
  ['test accuracy 99.9% feels wrong', [LEAK]],
  ['i think there is data leakage, val too good', [LEAK]],
  ['loss always 0.693 binary', [CHANCE]],
  ['4 classes and accuracy sits at 25%', [CHANCE]],
  ['model predicts only the majority class', [CHANCE]],
  ['training loss fine but val loss jumps up and down a lot', [NOISYVAL]],
  ['val curve very noisy compared to train curve', [NOISYVAL]],
  ['history only has loss key, no val', [NOVAL]],
  ['i forgot validation_split, can you still judge', [NOVAL]],
  ['two training runs are in my log, epochs restart at 1', [RUNS]],
  ['the fit stopped by itself at epoch 41', [STOPPED, T('early_stopping')]],
  ['why training finish early, i said 300 epochs', [STOPPED, T('early_stopping')]],
  ['bigger batch size makes my val loss worse, is that normal', [T('batch_size')]],
  ['how many lstm units for a dataset of 2000 rows', [T('units')]],
  ['should i stack 2 or 3 lstm layers', [T('layers')]],
  ['what is a good learning rate for rmsprop', [LR, T('optimizer')]],
  ['how to make the lr smaller when val loss stops improving', [T('lr_schedule'), PLATEAU, T('early_stopping')]],
  ['dropout 0.3 or 0.5 for my lstm, overfitting a bit', [T('dropout'), OVER]],
  ['train 500 epochs or stop earlier?', [T('epochs'), T('early_stopping')]],
  ['adam or sgd with momentum for lstm?', [T('optimizer')]],
  ['each run gives different accuracy, how to fix randomness', [T('multi_run')]],
  ['how to set up EarlyStopping with restore_best_weights', [T('early_stopping')]],
  ['ModelCheckpoint save_best_only how does it work', [T('checkpoint')]],
  ['Adam(lr=0.001) gives warning lr is deprecated', [T('lr_kwarg')]],
  ['should i normalize my features before lstm', [T('scaling')]],
  ['how many timesteps should i use as lookback', [T('sequence_length')]],
  ['exploding gradients in my lstm, what to do', [T('gradient_clipping')]],
  ['accuracy 0 on my regression task', [T('accuracy_zero')]],
  ['how to find the best hyperparameters for my lstm', [T('hyperopt')]],
  ['what should a healthy loss curve look like', [T('reading_curves'), GOOD]],
  ['my model is 99% sure but accuracy is only 60%', [T('overconfidence')]],
];
