while True:
    print("bla" * 300)
