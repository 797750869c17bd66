/**
 * Questions as users type them (typos, lowercase, non-native grammar, numbers, terse Discord lines,
 * long rambling ones), each with the knowledge entries that would be a fitting answer (first = the
 * most fitting; any listed id counts). Written in a separate pass, before reading the entries'
 * questions and keywords, from how people ask on forums and Discord -- not from the knowledge text.
 *
 * Split deterministically (splitPhrasings): within each first-listed id, the 2nd and 4th of every 5
 * go to holdout (~40%), the rest to tune (~60%). Only tune may be looked at while choosing weights;
 * holdout is reported as is.
 */
export type Phrasing = [question: string, fitting: string[]];

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

export const PHRASINGS: Phrasing[] = [
  // ---------------------------------------------------------------- overfitting
  ['val loss starts going up after epoch 8 while train keeps dropping', [OVER]],
  ['validaiton loss increasing, training loss decreasing. why??', [OVER]],
  ['my model overfits after like 5 epochs what to do', [OVER, T('dropout'), T('regularization')]],
  ['test loss go up but train loss go down, is overfit?', [OVER]],
  ['val_loss min at epoch 12 then rises to 0.9 by epoch 50', [OVER, T('early_stopping')]],
  ['lstm overfitting badly on small dataset', [OVER, T('dropout'), T('regularization')]],
  ['how do i fix overfiting in my lstm', [OVER, T('dropout'), T('regularization')]],
  ['validation loss has U shape', [OVER]],
  ['val loss decrease first then increase', [OVER]],
  ['the validation curve turns upward while the training curve keeps falling, classic overfitting?', [OVER]],
  ['after epoch 30 my val loss climbs from 0.4 to 0.7 but train loss is still decreasing', [OVER]],
  ['memorizing the training data, val gets worse every epoch', [OVER, HIVAR]],
  ['val loss getting worse and worse', [OVER]],
  ['my val_loss is increasing since epoch 3', [OVER]],
  ['valdation loss rise training fall', [OVER]],
  ['model overfit to training set, how stop it', [OVER, T('dropout'), T('regularization')]],
  // ---------------------------------------------------------------- high variance (gap)
  ['training acc 99% but val acc stuck at 70%', [HIVAR, OVER]],
  ['train loss 0.05 val loss 0.8 huge gap', [HIVAR, OVER]],
  ['big gap between training and validation loss', [HIVAR, OVER]],
  ['why is my training loss so much lower than validation loss', [HIVAR, OVER]],
  ['val loss much higher then train loss the whole time', [HIVAR, OVER]],
  ['train accuracy 100% val accuracy 60%', [HIVAR, OVER]],
  ['the gap between train and val never closes', [HIVAR, OVER]],
  ['validation loss is 3x the training loss', [HIVAR, OVER]],
  ['training error is tiny but validation error is big', [HIVAR, OVER]],
  ['model does great on train and bad on validation', [HIVAR, OVER]],
  ['train mse 0.001 and val mse 0.05, is that high variance?', [HIVAR, OVER]],
  ['validation curve stays far above training curve', [HIVAR, OVER]],
  // ---------------------------------------------------------------- underfitting
  ['both losses stay high and close to each other', [UNDER]],
  ['model not learning anything train and val loss both around 1.0', [UNDER, PLATEAU]],
  ['my lstm is underfitting what should i change', [UNDER, T('units'), T('layers')]],
  ['training loss barely goes down at all', [UNDER, PLATEAU, LR]],
  ['loss high for train and val, the model is too simple?', [UNDER, T('units')]],
  ['the model cant even fit the training data', [UNDER]],
  ['train and val loss decrease a little then stay at high value', [UNDER, PLATEAU]],
  ['even the training accuracy is only 55% on a 4 class problem', [UNDER, CHANCE]],
  ['predictions are just a flat line near the mean', [UNDER, CHANCE]],
  ['both curves together but loss is bad, underfit?', [UNDER]],
  ['my network is too weak, training loss high', [UNDER, T('units'), T('layers')]],
  ['model learns nothing', [UNDER, CHANCE, PLATEAU]],
  // ---------------------------------------------------------------- unstable
  ['loss jumps around a lot and never decreases', [UNSTABLE, LR]],
  ['training loss is all over the place', [UNSTABLE, LR]],
  ['loss goes up and down randomly no trend', [UNSTABLE, LR]],
  ['my loss curve look like a zigzag and dont go down', [UNSTABLE, LR]],
  ['training is very unstable, loss oscillates between 0.3 and 1.2', [UNSTABLE, LR]],
  ['the loss wobbles wildly from epoch to epoch', [UNSTABLE, LR, NOISYVAL]],
  ['loss chaotic no convergence', [UNSTABLE, LR]],
  ['train loss bounce everywhere, lr too big?', [UNSTABLE, LR]],
  ['erratic training loss', [UNSTABLE, LR]],
  ['both train and val loss jumping around constantly', [UNSTABLE, NOISYVAL, LR]],
  // ---------------------------------------------------------------- good fit
  ['is my model good? train and val loss both go down together', [GOOD]],
  ['both curves decrease and end close together, is this a good fit', [GOOD]],
  ['train loss 0.21 val loss 0.23 at the end, is that ok', [GOOD]],
  ['curves look fine i think? how do i know it is good', [GOOD, T('reading_curves')]],
  ['what does a healthy learning curve look like', [GOOD, T('reading_curves')]],
  ['val and train converge to same value, good?', [GOOD]],
  ['no overfitting no underfitting, is it just right', [GOOD]],
  ['everything looks normal, losses flatten out together', [GOOD, PLATEAU]],
  ['is it good fit when val loss slightly above train loss', [GOOD]],
  // ---------------------------------------------------------------- not assessable
  ['i only trained for 2 epochs can you tell anything', [NA]],
  ['why does it say not enough data to judge the curve', [NA]],
  ['only 3 points in my history, can you diagnose', [NA]],
  ['too few epochs to assess?', [NA]],
  ['why cant the bot tell if my model overfits, log is short', [NA]],
  ['it says not assessable', [NA]],
  ['curve too short to diagnose', [NA]],
  // ---------------------------------------------------------------- nan / inf
  ['loss: nan from epoch 1', [NAN]],
  ['my loss becomes nan after a while', [NAN]],
  ['val_loss is nan but loss is fine', [NAN]],
  ['getting NaN loss with mse on unscaled data', [NAN, T('scaling')]],
  ['loss = inf what does it mean', [NAN]],
  ['loss shows 1e10 then nan', [NAN, DIVERGE]],
  ['why my loss is nan?? pls help', [NAN]],
  ['loss turned into nan at epoch 14', [NAN]],
  ['training gives nan values suddenly', [NAN]],
  ['model output nan after few batches', [NAN]],
  ['loss is infinite', [NAN]],
  ['accuracy drops to 0 and loss prints nan', [NAN]],
  ['NaN in loss lstm keras how to fix', [NAN]],
  // ---------------------------------------------------------------- diverging
  ['my training loss keeps increasing every epoch', [DIVERGE]],
  ['training loss explodes to 1e10', [DIVERGE, NAN]],
  ['loss goes up instead of down from the start', [DIVERGE, LR]],
  ['loss getting bigger and bigger during training', [DIVERGE]],
  ['training is diverging what to do', [DIVERGE, LR]],
  ['train loss grows exponentially', [DIVERGE, NAN]],
  ['the training loss just climbs and climbs', [DIVERGE]],
  ['loss increases with every epoch also on train set', [DIVERGE]],
  ['why does my train loss go up, lr 0.1', [DIVERGE, LR]],
  ['loss blows up after epoch 3', [DIVERGE, NAN, T('gradient_clipping')]],
  ['training loss rising not falling', [DIVERGE]],
  // ---------------------------------------------------------------- loss spikes
  ['random spikes in my loss curve', [SPIKE]],
  ['loss has sudden peak at epoch 20 then recovers', [SPIKE]],
  ['spiky training loss, why?', [SPIKE, UNSTABLE]],
  ['one epoch loss jumps to 5 then back to 0.3', [SPIKE]],
  ['why big spike in loss in middle of training', [SPIKE]],
  ['loss curve has sharp jumps from time to time', [SPIKE, UNSTABLE]],
  ['occasional huge loss values then back to normal', [SPIKE]],
  ['val loss spikes at some epochs', [SPIKE, NOISYVAL]],
  ['sudden jump in training loss with adam', [SPIKE]],
  // ---------------------------------------------------------------- still improving
  ['loss still going down at last epoch should i train longer', [STILL, T('epochs')]],
  ['val loss keeps decreasing at the end, more epochs?', [STILL, T('epochs')]],
  ['curves havent converged yet', [STILL, T('epochs')]],
  ['training stopped but loss still dropping', [STILL, T('epochs')]],
  ['is it worth training more, val still improves', [STILL, T('epochs')]],
  ['my loss is still decreasing after 100 epochs', [STILL, T('epochs')]],
  ['model not converged, loss goes down until the last epoch', [STILL, T('epochs')]],
  ['loss continue to decrease, do i need more epoch', [STILL, T('epochs')]],
  // ---------------------------------------------------------------- plateau
  ['loss flat since epoch 20 nothing changes', [PLATEAU]],
  ['training loss stuck at 0.693', [PLATEAU, CHANCE]],
  ['loss stops decreasing after epoch 10', [PLATEAU]],
  ['loss plateaued, how to get it moving again', [PLATEAU, T('lr_schedule'), LR]],
  ['val loss not improving anymore for 30 epochs', [PLATEAU, T('early_stopping')]],
  ['the curve is flat at the end', [PLATEAU]],
  ['loss stagnates around 0.35', [PLATEAU]],
  ['loss stays the same value every epoch', [PLATEAU, CHANCE]],
  ['my loss went flat after quickly dropping', [PLATEAU]],
  ['loss stuck at 2.303 on cifar10', [CHANCE, PLATEAU]],
  ['nothing improves after epoch 40, loss same', [PLATEAU]],
  ['training loss doesnt move anymore', [PLATEAU]],
  // ---------------------------------------------------------------- val below train
  ['val loss lower than train loss why', [VALBELOW]],
  ['validation loss is below the training loss all the time', [VALBELOW]],
  ['how can val accuracy be higher than train accuracy', [VALBELOW]],
  ['my test loss is smaller than training loss, is it bug?', [VALBELOW]],
  ['val_loss < loss every epoch', [VALBELOW]],
  ['validation better than training, normal with dropout?', [VALBELOW]],
  ['train loss 0.5 val loss 0.3 weird', [VALBELOW]],
  ['why validation curve under the training curve', [VALBELOW]],
  ['val acc 90% train acc 85%, how is possible', [VALBELOW]],
  ['the validation error is less then training error', [VALBELOW]],
  // ---------------------------------------------------------------- leakage
  ['val accuracy 100% from first epoch, suspicious', [LEAK]],
  ['my validation loss is almost zero, too good to be true', [LEAK]],
  ['i think my test set leaks into train', [LEAK]],
  ['accuracy 99.9% on validation straight away, leakage?', [LEAK]],
  ['scaled before splitting, is that leakage', [LEAK, T('scaling')]],
  ['results are suspiciously good on the val set', [LEAK]],
  ['val loss 0.0001 at epoch 1 is that possible', [LEAK]],
  ['duplicate rows in train and test, effect?', [LEAK]],
  ['perfect validation score makes no sense', [LEAK]],
  // ---------------------------------------------------------------- stuck at chance
  ['accuracy stuck at 50 percent binary', [CHANCE]],
  ['val acc always 0.5 for cats vs dogs', [CHANCE]],
  ['accuracy stays at 10% on mnist', [CHANCE]],
  ['my model predicts only one class', [CHANCE]],
  ['accuracy is 0.333 with 3 classes and does not change', [CHANCE]],
  ['loss stuck at 1.0986', [CHANCE, PLATEAU]],
  ['acc never above random guessing', [CHANCE]],
  ['accuracy frozen at 0.25 for 4 classes', [CHANCE]],
  ['binary cross entropy stays at 0.69', [CHANCE, PLATEAU]],
  ['my classifier outputs the same prediction for every input', [CHANCE]],
  ['loss stuck at 4.605 with 100 classes', [CHANCE, PLATEAU]],
  ['accuracy doesnt go above 1%, 100 classes', [CHANCE]],
  ['val_accuracy constant 0.5000 every epoch', [CHANCE]],
  ['acc 50% loss 0.693 nothing changes', [CHANCE, PLATEAU]],
  // ---------------------------------------------------------------- noisy validation
  ['val loss is much noisier than train loss', [NOISYVAL]],
  ['validation loss fluctuating a lot but train smooth', [NOISYVAL]],
  ['val accuracy jumps between 60 and 80 every epoch', [NOISYVAL]],
  ['why validation curve so spiky compared to training', [NOISYVAL, SPIKE]],
  ['val_loss jumps up and down', [NOISYVAL]],
  ['validation loss zigzag', [NOISYVAL]],
  ['my val metrics are very unstable', [NOISYVAL]],
  ['val loss noisy small validation set', [NOISYVAL]],
  ['the validation curve oscilates too much', [NOISYVAL]],
  ['val loss go up down up down', [NOISYVAL]],
  ['validation accuracy is very jumpy', [NOISYVAL]],
  // ---------------------------------------------------------------- no validation
  ['there is no val_loss in my history', [NOVAL]],
  ['i did not use validation_split, can you still tell overfitting', [NOVAL]],
  ['history only has loss and accuracy', [NOVAL]],
  ['why does it say no validation', [NOVAL]],
  ['KeyError val_accuracy', [NOVAL]],
  ['how to add validation data to model.fit', [NOVAL]],
  ['my log only shows training loss', [NOVAL]],
  ['no validation curve in the plot', [NOVAL, T('reading_curves')]],
  // ---------------------------------------------------------------- multiple runs
  ['i pasted two trainings in one log', [RUNS]],
  ['log has several runs, epoch restarts at 1', [RUNS]],
  ['why it says multiple runs found', [RUNS]],
  ['my output contains 3 training runs back to back', [RUNS]],
  ['epoch 1/10 appears twice in the log', [RUNS]],
  ['i ran fit twice and pasted both', [RUNS]],
  ['log from a grid search with many runs', [RUNS, T('hyperopt')]],
  // ---------------------------------------------------------------- early stopped
  ['training stopped at epoch 23 of 100, why', [STOPPED, T('early_stopping')]],
  ['my run ended early', [STOPPED, T('early_stopping')]],
  ['fit stopped before all epochs finished', [STOPPED, T('early_stopping')]],
  ['early stopping triggered at epoch 15 is that bad', [STOPPED, T('early_stopping')]],
  ['why did keras stop training before epoch 50', [STOPPED, T('early_stopping')]],
  ['Epoch 00031: early stopping', [STOPPED, T('early_stopping')]],
  ['restoring model weights from the end of the best epoch, what does it mean', [STOPPED, T('early_stopping'), T('checkpoint')]],
  // ---------------------------------------------------------------- reading curves
  ['how to plot loss and val_loss from history', [T('reading_curves')]],
  ['how do i read a learning curve', [T('reading_curves'), GOOD]],
  ['plot training history keras matplotlib', [T('reading_curves')]],
  ['what keys are in history.history', [T('reading_curves')]],
  ['how to draw accuracy curve for train and val', [T('reading_curves')]],
  ['what should i look at in the loss graph', [T('reading_curves'), GOOD]],
  ['how to interpret my training curves', [T('reading_curves'), GOOD]],
  ['show me how to make the loss plot', [T('reading_curves')]],
  // ---------------------------------------------------------------- overconfidence
  ['val loss and val accuracy both increasing', [T('overconfidence')]],
  ['validation accuracy goes up but validation loss also goes up??', [T('overconfidence'), OVER]],
  ['how can val loss increase when val acc improves', [T('overconfidence'), OVER]],
  ['val_acc rising and val_loss rising same time', [T('overconfidence')]],
  ['accuracy better but loss worse on validation', [T('overconfidence')]],
  ['model is overconfident, loss up accuracy up', [T('overconfidence')]],
  ['val acc keep improving while val loss get higher, which to trust', [T('overconfidence')]],
  // ---------------------------------------------------------------- accuracy zero
  ['accuracy is always 0 on my regression model', [T('accuracy_zero')]],
  ['why accuracy 0.0000 but loss goes down', [T('accuracy_zero')]],
  ['accuracy metric for predicting prices is zero', [T('accuracy_zero')]],
  ['accuracy is meaningless for regression?', [T('accuracy_zero')]],
  ['acc 0 with mse loss', [T('accuracy_zero')]],
  ['lstm forecasting accuracy zero loss decreasing', [T('accuracy_zero')]],
  ['what metric instead of accuracy for time series regression', [T('accuracy_zero')]],
  // ---------------------------------------------------------------- units
  ['how many units should my lstm have', [T('units')]],
  ['lstm(50) or lstm(200)?', [T('units')]],
  ['number of neurons in lstm layer', [T('units')]],
  ['what hidden size to choose', [T('units')]],
  ['is 512 units too much for small data', [T('units')]],
  ['how big should the lstm be', [T('units')]],
  ['how do i pick the number of lstm cells', [T('units')]],
  ['more units = better?', [T('units')]],
  // ---------------------------------------------------------------- layers
  ['how to stack two lstm layers', [T('layers')]],
  ['return_sequences=True when?', [T('layers')]],
  ['second lstm layer gives error expected ndim=3', [T('layers')]],
  ['how many lstm layers should i use', [T('layers'), T('arch_search')]],
  ['deep lstm vs single layer', [T('layers'), T('arch_search')]],
  ['do i need return sequences on last lstm', [T('layers')]],
  ['adding more layers to lstm help?', [T('layers'), T('arch_search')]],
  ['stacked lstm example keras', [T('layers')]],
  // ---------------------------------------------------------------- optimizer
  ['adam or sgd for lstm', [T('optimizer')]],
  ['which optimizer is best', [T('optimizer')]],
  ['rmsprop vs adam for time series', [T('optimizer')]],
  ['should i change the optimizer', [T('optimizer')]],
  ['is sgd with momentum better than adam', [T('optimizer')]],
  ['what optimiser to use for rnn', [T('optimizer')]],
  ['adamw for lstm?', [T('optimizer')]],
  // ---------------------------------------------------------------- learning rate
  ['what learning rate should i use', [LR]],
  ['is 0.01 learning rate too high for adam', [LR]],
  ['lr too small training slow', [LR]],
  ['how to find a good lr', [LR]],
  ['learnig rate 1e-3 or 1e-4', [LR]],
  ['should i lower the learning rate', [LR]],
  ['what does the learning rate do', [LR]],
  ['best learning rate for lstm keras', [LR]],
  ['lr finder for keras', [LR]],
  // ---------------------------------------------------------------- lr schedule
  ['how to decay learning rate during training', [T('lr_schedule')]],
  ['cosine annealing in keras', [T('lr_schedule')]],
  ['ReduceLROnPlateau or cosine decay', [T('lr_schedule')]],
  ['learning rate scheduler example', [T('lr_schedule')]],
  ['warmup then decay lr', [T('lr_schedule')]],
  ['should learning rate go down over epochs', [T('lr_schedule')]],
  ['exponential decay of the learning rate', [T('lr_schedule')]],
  // ---------------------------------------------------------------- batch size
  ['what batch size should i use', [T('batch_size')]],
  ['batch 32 or 256', [T('batch_size')]],
  ['does bigger batch make training faster', [T('batch_size')]],
  ['batch_size=1 for lstm ok?', [T('batch_size')]],
  ['small batch more noise?', [T('batch_size')]],
  ['how to choose batchsize', [T('batch_size')]],
  ['changing the batch size changes my results', [T('batch_size')]],
  // ---------------------------------------------------------------- epochs
  ['how many epochs should i train', [T('epochs')]],
  ['100 epochs or 1000 epochs', [T('epochs')]],
  ['what is a good number of epoch', [T('epochs')]],
  ['when to stop training, how many epochs', [T('epochs'), T('early_stopping')]],
  ['is 10 epochs enough for lstm', [T('epochs')]],
  ['number of epochs for time series model', [T('epochs')]],
  ['too many epochs bad?', [T('epochs'), OVER]],
  // ---------------------------------------------------------------- early stopping topic
  ['how to use EarlyStopping callback', [T('early_stopping')]],
  ['what patience for early stopping', [T('early_stopping')]],
  ['early stopping monitor val_loss or val_accuracy', [T('early_stopping')]],
  ['restore_best_weights what does it do', [T('early_stopping'), T('checkpoint')]],
  ['earlystoping patience 5 or 20', [T('early_stopping')]],
  ['stop training automatically when val loss stops improving', [T('early_stopping')]],
  ['how do i add early stop to keras fit', [T('early_stopping')]],
  // ---------------------------------------------------------------- dropout
  ['where to put dropout in lstm', [T('dropout')]],
  ['dropout vs recurrent_dropout', [T('dropout')]],
  ['how much dropout 0.2 or 0.5', [T('dropout')]],
  ['add dropout layer after lstm?', [T('dropout')]],
  ['recurrent dropout makes training super slow', [T('dropout')]],
  ['dropout rate for small dataset', [T('dropout')]],
  ['is dropout good for lstm', [T('dropout')]],
  // ---------------------------------------------------------------- regularization
  ['l2 regularizer value for lstm', [T('regularization')]],
  ['kernel_regularizer l2(0.01) too strong?', [T('regularization')]],
  ['how to add weight decay in keras', [T('regularization')]],
  ['l1 or l2 regularisation', [T('regularization')]],
  ['what lambda for l2', [T('regularization')]],
  ['regularization for recurrent layer', [T('regularization')]],
  ['penalize large weights lstm', [T('regularization')]],
  // ---------------------------------------------------------------- gradient clipping
  ['exploding gradients in lstm how to fix', [T('gradient_clipping'), NAN, DIVERGE]],
  ['clipnorm or clipvalue', [T('gradient_clipping')]],
  ['how to clip gradients in keras', [T('gradient_clipping')]],
  ['what value for gradient clipping', [T('gradient_clipping')]],
  ['gradient norm gets huge', [T('gradient_clipping'), DIVERGE]],
  ['clip grads adam keras 3', [T('gradient_clipping')]],
  ['does gradient clipping help with nan', [T('gradient_clipping'), NAN]],
  // ---------------------------------------------------------------- scaling
  ['should i normalize my data before lstm', [T('scaling')]],
  ['minmax or standard scaler for time series', [T('scaling')]],
  ['do i scale the target too', [T('scaling')]],
  ['fit scaler on train only?', [T('scaling'), LEAK]],
  ['inputs range 0 to 10000, problem?', [T('scaling')]],
  ['how to inverse transform predictions', [T('scaling')]],
  ['standardize features for rnn', [T('scaling')]],
  ['my features have very different scales', [T('scaling')]],
  // ---------------------------------------------------------------- kfold
  ['k fold for lstm time series', [T('kfold')]],
  ['can i shuffle folds for sequences', [T('kfold')]],
  ['TimeSeriesSplit with keras', [T('kfold')]],
  ['cross-validation for forecasting model', [T('kfold')]],
  ['walk forward validation how', [T('kfold')]],
  ['5 fold cv on sequential data', [T('kfold')]],
  ['how to validate time series model properly', [T('kfold')]],
  // ---------------------------------------------------------------- ensemble
  ['average predictions of several lstms', [T('ensemble')]],
  ['ensemble of models for better forecast', [T('ensemble')]],
  ['combine 5 models', [T('ensemble')]],
  ['bagging neural networks worth it?', [T('ensemble')]],
  ['ensembling reduces variance?', [T('ensemble')]],
  ['mean of multiple model outputs', [T('ensemble')]],
  // ---------------------------------------------------------------- hyperopt
  ['hyperparameter tuning for lstm', [T('hyperopt'), T('arch_search')]],
  ['how to use hyperopt with keras', [T('hyperopt')]],
  ['bayesian optimisation of hyperparameters', [T('hyperopt')]],
  ['optuna vs grid search', [T('hyperopt')]],
  ['search best dropout and lr automatically', [T('hyperopt')]],
  ['keras tuner or hyperopt', [T('hyperopt'), T('arch_search')]],
  ['random search hyperparams', [T('hyperopt')]],
  // ---------------------------------------------------------------- architecture search
  ['search over number of layers and units', [T('arch_search'), T('hyperopt')]],
  ['find best lstm architecture automatically', [T('arch_search')]],
  ['try different lstm stack configurations', [T('arch_search'), T('layers')]],
  ['neural architecture search for rnn', [T('arch_search')]],
  ['compare 1 2 3 layer lstm which best', [T('arch_search'), T('layers')]],
  ['loop over architectures and pick best', [T('arch_search')]],
  // ---------------------------------------------------------------- multi run / seeds
  ['results different every run', [T('multi_run')]],
  ['how to set random seed keras', [T('multi_run')]],
  ['run same model many times to compare', [T('multi_run')]],
  ['not reproducible results lstm', [T('multi_run')]],
  ['should i average over several seeds', [T('multi_run'), T('ensemble')]],
  ['one run good another bad same code', [T('multi_run')]],
  ['variance between training runs', [T('multi_run')]],
  // ---------------------------------------------------------------- case study
  ['temperature forecasting example', [T('case_study')]],
  ['weather prediction lstm example', [T('case_study')]],
  ['jena climate dataset lstm', [T('case_study')]],
  ['predict tomorrow temperature with keras', [T('case_study')]],
  ['full worked example start to finish', [T('case_study')]],
  ['case study', [T('case_study')]],
  // ---------------------------------------------------------------- sequence length
  ['how long should the input sequence be', [T('sequence_length')]],
  ['what window size for lstm', [T('sequence_length')]],
  ['lookback 30 or 60 days', [T('sequence_length')]],
  ['how many timesteps', [T('sequence_length')]],
  ['n_steps value for forecasting', [T('sequence_length')]],
  ['length of sliding window', [T('sequence_length')]],
  ['how much past data to feed the lstm', [T('sequence_length')]],
  // ---------------------------------------------------------------- lr kwarg
  ['Adam(lr=0.001) gives error', [T('lr_kwarg')]],
  ['unexpected keyword argument lr', [T('lr_kwarg')]],
  ['lr is deprecated use learning_rate', [T('lr_kwarg')]],
  ['lr or learning_rate argument in keras 3', [T('lr_kwarg')]],
  ['optimizer got unexpected keyword lr', [T('lr_kwarg')]],
  ['old code uses lr= and breaks', [T('lr_kwarg')]],
  // ---------------------------------------------------------------- checkpoint
  ['how to save best model during training', [T('checkpoint')]],
  ['ModelCheckpoint save_best_only', [T('checkpoint')]],
  ['keep weights from the best epoch', [T('checkpoint'), T('early_stopping')]],
  ['save model each epoch keras', [T('checkpoint')]],
  ['filepath must end in .keras error', [T('checkpoint')]],
  ['load best checkpoint after training', [T('checkpoint')]],
  ['how do i save the lowest val loss model', [T('checkpoint')]],
  // ---------------------------------------------------------------- long, rambling, non-native
  [
    'hi all, first time training lstm for stock prices. my val loss go down for 10 epoch then start going up again, train loss still going down. i use 2 layers 128 units. what i do wrong?',
    [OVER],
  ],
  [
    'hello, i have a question: my training accuracy is 0.98 but validation stay around 0.72 since the beginning, the gap is big. i already tried dropout 0.2. what other thing can help',
    [HIVAR, OVER, T('regularization'), T('dropout')],
  ],
  [
    'so i have been training for hours and the loss was going down nicely and then at epoch 47 suddenly it printed nan and everything after is nan, no idea why, lr is 0.01',
    [NAN],
  ],
  [
    'guys my model loss is like 0.69 for binary classification since epoch 1 and accuracy is 0.5 exactly, i tried changing lr and nothing, whats going on',
    [CHANCE, PLATEAU],
  ],
  [
    'quick one: is it normal that validation loss is lower than training loss for the whole training? i use dropout 0.5 and validation_split 0.2',
    [VALBELOW],
  ],
  [
    'my loss curve is weird, not going down not going up, just jumping around between 0.5 and 1.5 all the training, batch size 8, lr 0.01 adam',
    [UNSTABLE, LR, T('batch_size')],
  ],
  [
    'training for 200 epochs and my loss was still going down at the last epoch, val too. would more epochs help or i should stop here',
    [STILL, T('epochs')],
  ],
  [
    'im doing regression on sensor data and keras shows accuracy 0 every epoch although mse goes down nicely, is my model broken',
    [T('accuracy_zero')],
  ],
  [
    'after epoch 20 the loss doesnt change anymore, like 0.4123 0.4121 0.4122, how to continue learning',
    [PLATEAU, T('lr_schedule'), LR],
  ],
  [
    'my validation curve is going up and down a lot compare to training curve which is smooth, validation set is only 200 samples',
    [NOISYVAL],
  ],
  [
    'sometimes the loss makes a big jump to like 10x and then comes back, happens maybe 3 times in 100 epochs, should i worry',
    [SPIKE],
  ],
  [
    'the training loss increases from the very first epoch: 0.7, 0.9, 1.4, 2.8, 6.0 ... lr=0.5 sgd',
    [DIVERGE, LR],
  ],
  // ---------------------------------------------------------------- terse, numbers, symbols
  ['loss 0.693 forever', [CHANCE, PLATEAU]],
  ['acc 0.1 10 classes', [CHANCE]],
  ['val_loss: inf', [NAN]],
  ['loss=1e+12', [DIVERGE, NAN]],
  ['train 0.01 val 0.9', [HIVAR, OVER]],
  ['val < train ??', [VALBELOW]],
  ['val acc 1.0000 epoch 1', [LEAK]],
  ['loss ↑ epoch after epoch', [DIVERGE]],
  ['val loss ↑ train loss ↓', [OVER]],
  ['ovrefitting help', [OVER]],
  ['udnerfitting', [UNDER]],
  ['nan loss lstm', [NAN]],
  ['plateu', [PLATEAU]],
  ['lernign rate', [LR]],
  ['dropuot where', [T('dropout')]],
  ['batchsize?', [T('batch_size')]],
  ['epochs??', [T('epochs')]],
  ['optmizer', [T('optimizer')]],
  ['regularisaton l2', [T('regularization')]],
  ['gradiant clipping', [T('gradient_clipping')]],
  ['normalisation needed?', [T('scaling')]],
  ['checkpont best model', [T('checkpoint')]],
];

/** FNV-free, order-based split: stratified by first-listed id, 2nd and 4th of every 5 -> holdout. */
export function splitPhrasings(all: Phrasing[] = PHRASINGS): { tune: Phrasing[]; holdout: Phrasing[] } {
  const seen = new Map<string, number>();
  const tune: Phrasing[] = [];
  const holdout: Phrasing[] = [];
  for (const p of all) {
    const k = seen.get(p[1][0]) ?? 0;
    seen.set(p[1][0], k + 1);
    (k % 5 === 1 || k % 5 === 3 ? holdout : tune).push(p);
  }
  return { tune, holdout };
}
