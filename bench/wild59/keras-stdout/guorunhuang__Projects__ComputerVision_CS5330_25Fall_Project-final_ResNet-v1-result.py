'''
Epoch 1/5 - train_loss: 1328.537487 - val_loss: 709.550293 - epoch_time: 59.38s
Saved best_model.pth
Epoch 2/5 - train_loss: 1440.204778 - val_loss: 637.353455 - epoch_time: 56.77s
Saved best_model.pth
Epoch 3/5 - train_loss: 1034.636278 - val_loss: 537.089020 - epoch_time: 57.04s
Saved best_model.pth
Epoch 4/5 - train_loss: 1043.136422 - val_loss: 601.011383 - epoch_time: 56.56s
Epoch 5/5 - train_loss: 664.672533 - val_loss: 535.081558 - epoch_time: 56.94s
Saved best_model.pth
Loaded best_model.pth

Train takes: 287.37 seconds

Prediction completed! Submission file saved as submission.csv
Submission file shape: (5, 2)

Prediction statistics:
              count      mean  std       min       25%       50%       75%  \
target_name                                                                  
Dry_Clover_g    1.0  1.365142  NaN  1.365142  1.365142  1.365142  1.365142   
Dry_Dead_g      1.0  3.148252  NaN  3.148252  3.148252  3.148252  3.148252   
Dry_Green_g     1.0  3.983784  NaN  3.983784  3.983784  3.983784  3.983784   
Dry_Total_g     1.0  5.657320  NaN  5.657320  5.657320  5.657320  5.657320   
GDM_g           1.0  3.616492  NaN  3.616492  3.616492  3.616492  3.616492   

                   max  
target_name             
Dry_Clover_g  1.365142  
Dry_Dead_g    3.148252  
Dry_Green_g   3.983784  
Dry_Total_g   5.657320  
GDM_g         3.616492  

Total process takes: 287.86 seconds
'''