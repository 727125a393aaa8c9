package emulator

import (
	"bytes"
	"fmt"
	"sort"
)

// Tags.

func setTags(st *regionState, id string, tags []tag) {
	for _, t := range tags {
		cur := st.tags[id]
		replaced := false
		for i := range cur {
			if cur[i].Key == t.Key {
				cur[i].Value, replaced = t.Value, true
			}
		}
		if !replaced {
			cur = append(cur, t)
		}
		sort.Slice(cur, func(i, j int) bool { return cur[i].Key < cur[j].Key })
		st.tags[id] = cur
	}
}

func hCreateTags(s *Server, r *request, out *bytes.Buffer) *apiError {
	ids := list(r.form, "ResourceId")
	if len(ids) == 0 {
		return errf("MissingParameter", "The request must contain the parameter resourceIdSet")
	}
	for _, id := range ids {
		if e := r.st.exists(id); e != nil {
			return e
		}
	}
	tags := tagsParam(r.form, "Tag")
	for _, id := range ids {
		setTags(r.st, id, tags)
	}
	return writeReturn(out)
}

func hDeleteTags(s *Server, r *request, out *bytes.Buffer) *apiError {
	ids := list(r.form, "ResourceId")
	del := tagsParam(r.form, "Tag")
	for _, id := range ids {
		if e := r.st.exists(id); e != nil {
			return e
		}
		var kept []tag
		for _, t := range r.st.tags[id] {
			drop := len(del) == 0
			for _, d := range del {
				_, hasValue := r.form[fmt.Sprintf("Tag.%d.Value", indexOfTag(del, d)+1)]
				if d.Key == t.Key && (!hasValue || d.Value == t.Value) {
					drop = true
				}
			}
			if !drop {
				kept = append(kept, t)
			}
		}
		r.st.tags[id] = kept
	}
	return writeReturn(out)
}

func indexOfTag(ts []tag, t tag) int {
	for i := range ts {
		if ts[i] == t {
			return i
		}
	}
	return -1
}

func hDescribeTags(s *Server, r *request, out *bytes.Buffer) *apiError {
	type xTag struct {
		ResourceID   string `xml:"resourceId"`
		ResourceType string `xml:"resourceType"`
		Key          string `xml:"key"`
		Value        string `xml:"value"`
	}
	fs := filters(r.form)
	var res []xTag
	for _, id := range sortedKeys(r.st.tags) {
		for _, t := range r.st.tags[id] {
			ok, e := matchFilters(fs, nil, func(n string) ([]string, bool) {
				switch n {
				case "resource-id":
					return []string{id}, true
				case "resource-type":
					return []string{resourceType(id)}, true
				case "key":
					return []string{t.Key}, true
				case "value":
					return []string{t.Value}, true
				}
				return nil, false
			})
			if e != nil {
				return e
			}
			if ok {
				res = append(res, xTag{id, resourceType(id), t.Key, t.Value})
			}
		}
	}
	from, to, next, e := page(r.form, len(res), 5)
	if e != nil {
		return e
	}
	return encodeBody(out, struct {
		Tags []xTag `xml:"tagSet>item"`
		Next string `xml:"nextToken,omitempty"`
	}{res[from:to], next})
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
