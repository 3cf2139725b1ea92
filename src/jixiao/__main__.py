from jixiao.cli.entry import main

main()
