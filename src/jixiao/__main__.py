from jixiao.cli.app import main

main()
