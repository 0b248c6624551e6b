{
  "targets": [
    {
      "target_name": "fastfs",
      "sources": ["native/fastfs.c"],
      "cflags": ["-O2", "-std=gnu11", "-Wall", "-Wextra", "-Wno-unused-parameter"],
      "libraries": ["-lpthread"]
    }
  ]
}
