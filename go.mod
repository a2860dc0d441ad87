module github.com/marsad-project/marsad

go 1.26.8
