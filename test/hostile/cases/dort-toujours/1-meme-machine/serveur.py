import time
print("je réfléchis...")
time.sleep(10**6)
